using System.Numerics;
using Astrograd.NN;

namespace Astrograd.Optim;

/// <summary>Options of <see cref="Adam{T}"/>; checked when the optimizer is made.</summary>
/// <param name="LearningRate">λ, finite and &gt; 0.</param>
/// <param name="Beta1">β₁ in [0, 1), the decay of the first-moment (mean) estimate.</param>
/// <param name="Beta2">β₂ in [0, 1), the decay of the second-moment (uncentred variance) estimate.</param>
/// <param name="Epsilon">ε, finite and &gt; 0, added to the bias-corrected √v̂.</param>
/// <param name="L2WeightDecay">Coefficient of an L2 penalty added to the gradient (g + decay·w) before the moments
/// see it, ≥ 0. This is not decoupled weight decay: for that use <see cref="AdamW{T}"/>.</param>
/// <param name="AmsGrad">Divide by the running maximum of v instead of v (Reddi, Kale and Kumar, "On the
/// Convergence of Adam and Beyond", 2018).</param>
public sealed record AdamOptions(double LearningRate = 0.001, double Beta1 = 0.9, double Beta2 = 0.999,
    double Epsilon = 1e-8, double L2WeightDecay = 0, bool AmsGrad = false);

/// <summary>
/// Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", 2015, Algorithm 1). Per element, at the
/// parameter's step t, with g the gradient plus the optional L2 term:
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ),
/// w ← w − λ·m̂ / (√v̂ + ε). m and v start at 0.
/// </summary>
public sealed class Adam<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly AdamMoments<T> _moments;
    private double _learningRate;

    /// <summary>An optimizer for <paramref name="parameters"/> with <paramref name="options"/>.</summary>
    public Adam(IEnumerable<Parameter<T>> parameters, AdamOptions options)
        : base(parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckLearningRate(options.LearningRate);
        AdamMoments<T>.CheckOptions(Name, options.Beta1, options.Beta2, options.Epsilon);
        if (!(options.L2WeightDecay >= 0) || !double.IsFinite(options.L2WeightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                FormattableString.Invariant(
                    $"Adam: L2WeightDecay must be finite and >= 0, got {options.L2WeightDecay}."));
        }

        Options = options;
        _learningRate = options.LearningRate;
        _moments = new AdamMoments<T>(Parameters.Count, options.AmsGrad);
    }

    /// <summary>The options given at construction.</summary>
    public AdamOptions Options { get; }

    /// <inheritdoc/>
    public override double LearningRate
    {
        get => _learningRate;
        set
        {
            CheckLearningRate(value, allowZero: true);
            _learningRate = value;
        }
    }

    /// <inheritdoc/>
    public override void Step()
    {
        _moments.Step(Parameters, _learningRate, Options.Beta1, Options.Beta2, Options.Epsilon,
            Options.L2WeightDecay, keep: 1);
        Steps++;
    }

    /// <inheritdoc/>
    private protected override void WriteState(OptimizerStateWriter<T> writer) => _moments.Write(writer);

    /// <inheritdoc/>
    private protected override void ReadState(OptimizerStateReader<T> reader) => _moments.Read(reader);
}
