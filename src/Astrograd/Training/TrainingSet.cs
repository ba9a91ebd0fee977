using System.Numerics;

namespace Astrograd.Training;

/// <summary>
/// Rows ready for training: features [n, d] (already scaled) and targets. Classification stores class
/// indices in <see cref="Labels"/>; regression stores values [n, k] in <see cref="Targets"/>. For binary
/// tasks both are set (targets are the labels as 0/1, shape [n, 1]).
/// </summary>
public sealed class TrainingSet<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[]? _variances;

    /// <summary>Builds a set and checks that the pieces agree in size.</summary>
    /// <param name="features">Row-major features, n·d values.</param>
    /// <param name="featureCount">d, the number of features per row.</param>
    /// <param name="targets">Row-major targets, n·k values, or null for multiclass.</param>
    /// <param name="targetCount">k, outputs per row (1 for binary).</param>
    /// <param name="labels">Class index per row, or null for regression.</param>
    public TrainingSet(T[] features, int featureCount, T[]? targets, int targetCount, int[]? labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        if (features.Length % featureCount != 0)
        {
            throw new ArgumentException(
                $"TrainingSet: {features.Length} feature values are not a whole number of rows of {featureCount}.",
                nameof(features));
        }

        var rows = features.Length / featureCount;
        if (targets is not null && targets.Length != rows * targetCount)
        {
            throw new ArgumentException(
                $"TrainingSet: {targets.Length} target values for {rows} rows of {targetCount}.", nameof(targets));
        }

        if (labels is not null && labels.Length != rows)
        {
            throw new ArgumentException($"TrainingSet: {labels.Length} labels for {rows} rows.", nameof(labels));
        }

        if (targets is null && labels is null)
        {
            throw new ArgumentException("TrainingSet: needs targets or labels.", nameof(targets));
        }

        Features = features;
        FeatureCount = featureCount;
        Targets = targets;
        TargetCount = targetCount;
        Labels = labels;
        Rows = rows;
    }

    /// <summary>Row-major features, [n, d].</summary>
    public T[] Features { get; }

    /// <summary>Features per row, d.</summary>
    public int FeatureCount { get; }

    /// <summary>Row-major targets [n, k], or null (multiclass).</summary>
    public T[]? Targets { get; }

    /// <summary>Targets per row, k.</summary>
    public int TargetCount { get; }

    /// <summary>Class indices, or null (regression).</summary>
    public int[]? Labels { get; }

    /// <summary>The number of rows, n.</summary>
    public int Rows { get; }

    /// <summary>Known σ² of every target, [n, k] like <see cref="Targets"/> (from <c>--sigma</c>), or null.
    /// </summary>
    public T[]? Variances
    {
        get => _variances;
        init
        {
            if (value is not null && (Targets is null || value.Length != Targets.Length))
            {
                throw new ArgumentException(
                    $"TrainingSet: {value.Length} variances for {Targets?.Length ?? 0} target values.", nameof(value));
            }

            _variances = value;
        }
    }
}
