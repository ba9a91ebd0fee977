using System.Globalization;

namespace Astrograd.Metrics;

/// <summary>
/// A multiclass confusion matrix: entry [t, p] counts the samples of true class t predicted as class p
/// (rows = true class, columns = predicted class). Immutable.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[] _counts;

    internal ConfusionMatrix(int classCount, int[] counts)
    {
        System.Diagnostics.Debug.Assert(counts.Length == classCount * classCount);
        ClassCount = classCount;
        _counts = counts;
    }

    /// <summary>Number of classes k; the matrix is k × k.</summary>
    public int ClassCount { get; }

    /// <summary>Samples of true class <paramref name="trueClass"/> predicted as <paramref name="predictedClass"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A class outside [0, k).</exception>
    public int this[int trueClass, int predictedClass]
    {
        get
        {
            CheckClass(trueClass, nameof(trueClass));
            CheckClass(predictedClass, nameof(predictedClass));
            return _counts[(trueClass * ClassCount) + predictedClass];
        }
    }

    /// <summary>Row sum: number of samples whose true class is <paramref name="trueClass"/> (its support).</summary>
    public int TrueTotal(int trueClass)
    {
        CheckClass(trueClass, nameof(trueClass));
        var total = 0;
        for (var p = 0; p < ClassCount; p++)
        {
            total += _counts[(trueClass * ClassCount) + p];
        }

        return total;
    }

    /// <summary>Column sum: number of samples predicted as <paramref name="predictedClass"/>.</summary>
    public int PredictedTotal(int predictedClass)
    {
        CheckClass(predictedClass, nameof(predictedClass));
        var total = 0;
        for (var t = 0; t < ClassCount; t++)
        {
            total += _counts[(t * ClassCount) + predictedClass];
        }

        return total;
    }

    /// <summary>The counts as a new jagged array, <c>result[trueClass][predictedClass]</c>.</summary>
    public int[][] ToArray()
    {
        var rows = new int[ClassCount][];
        for (var t = 0; t < ClassCount; t++)
        {
            rows[t] = _counts.AsSpan(t * ClassCount, ClassCount).ToArray();
        }

        return rows;
    }

    private void CheckClass(int value, string name)
    {
        if ((uint)value >= (uint)ClassCount)
        {
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture,
                    $"ConfusionMatrix: class {value} is outside [0, {ClassCount - 1}]."));
        }
    }
}
