using System.Globalization;
using System.Numerics;
using Astrograd.NN;

namespace Astrograd.Optim;

/// <summary>Options of <see cref="AdamW{T}"/>; checked when the optimizer is made.</summary>
/// <param name="LearningRate">λ, finite and &gt; 0.</param>
/// <param name="Beta1">β₁ in [0, 1), the decay of the first-moment (mean) estimate.</param>
/// <param name="Beta2">β₂ in [0, 1), the decay of the second-moment (uncentred variance) estimate.</param>
/// <param name="Epsilon">ε, finite and &gt; 0, added to the bias-corrected √v̂.</param>
/// <param name="DecoupledWeightDecay">Decoupled decay coefficient, ≥ 0 with λ·decay ≤ 1: each step shrinks the
/// weights, w ← w·(1 − λ·decay), apart from the gradient, so the moments never see it. This is not an L2
/// penalty: for that use <see cref="AdamOptions.L2WeightDecay"/>.</param>
/// <param name="AmsGrad">Divide by the running maximum of v instead of v.</param>
public sealed record AdamWOptions(double LearningRate = 0.001, double Beta1 = 0.9, double Beta2 = 0.999,
    double Epsilon = 1e-8, double DecoupledWeightDecay = 0.01, bool AmsGrad = false);

/// <summary>
/// Adam with decoupled weight decay (Loshchilov and Hutter, "Decoupled Weight Decay Regularization", 2019):
/// w ← w·(1 − λ·decay) − λ·m̂ / (√v̂ + ε), with m̂ and v̂ the bias-corrected moments of the plain gradient as
/// in <see cref="Adam{T}"/>. The decay follows the learning rate, so a schedule scales both.
/// </summary>
public sealed class AdamW<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly AdamMoments<T> _moments;
    private double _learningRate;

    /// <summary>An optimizer for <paramref name="parameters"/> with <paramref name="options"/>.</summary>
    public AdamW(IEnumerable<Parameter<T>> parameters, AdamWOptions options)
        : base(parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckLearningRate(options.LearningRate);
        AdamMoments<T>.CheckOptions(Name, options.Beta1, options.Beta2, options.Epsilon);
        if (!(options.DecoupledWeightDecay >= 0) || !double.IsFinite(options.DecoupledWeightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                FormattableString.Invariant(
                    $"AdamW: DecoupledWeightDecay must be finite and >= 0, got {options.DecoupledWeightDecay}."));
        }

        Options = options;
        CheckShrink(options.LearningRate);
        _learningRate = options.LearningRate;
        _moments = new AdamMoments<T>(Parameters.Count, options.AmsGrad);
    }

    /// <summary>The options given at construction.</summary>
    public AdamWOptions Options { get; }

    /// <inheritdoc/>
    public override double LearningRate
    {
        get => _learningRate;
        set
        {
            CheckLearningRate(value, allowZero: true);
            CheckShrink(value);
            _learningRate = value;
        }
    }

    /// <inheritdoc/>
    public override void Step()
    {
        _moments.Step(Parameters, _learningRate, Options.Beta1, Options.Beta2, Options.Epsilon, l2: 0,
            keep: 1 - _learningRate * Options.DecoupledWeightDecay);
        Steps++;
    }

    /// <inheritdoc/>
    private protected override void WriteState(OptimizerStateWriter<T> writer) => _moments.Write(writer);

    /// <inheritdoc/>
    private protected override void ReadState(OptimizerStateReader<T> reader) => _moments.Read(reader);

    private void CheckShrink(double lr)
    {
        // A factor 1 − λ·decay below 0 would flip the sign of every weight at each step.
        if (lr * Options.DecoupledWeightDecay > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(lr), string.Create(CultureInfo.InvariantCulture,
                $"AdamW: learning rate × DecoupledWeightDecay must be <= 1 (the weights are scaled by " +
                $"1 − λ·decay), got {lr} × {Options.DecoupledWeightDecay}; lower one of them."));
        }
    }
}
