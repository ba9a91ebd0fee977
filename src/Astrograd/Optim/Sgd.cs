using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Astrograd.Kernels;
using Astrograd.NN;

namespace Astrograd.Optim;

/// <summary>Options of <see cref="Sgd{T}"/>; checked when the optimizer is made.</summary>
/// <param name="LearningRate">λ, &gt; 0.</param>
/// <param name="Momentum">μ in [0, 1); 0 is plain gradient descent.</param>
/// <param name="WeightDecay">L2 coefficient added to the gradient (g + decay·w), ≥ 0.</param>
/// <param name="Nesterov">Use Nesterov's look-ahead form of momentum (needs μ &gt; 0).</param>
public sealed record SgdOptions(double LearningRate = 0.01, double Momentum = 0, double WeightDecay = 0,
    bool Nesterov = false);

/// <summary>
/// Stochastic gradient descent, w(k+1) = w(k) − λ∇L(w(k)). With momentum μ the step follows a velocity
/// v ← μv + g (v starts as the first gradient), and w ← w − λv (Nesterov: w ← w − λ(g + μv)), as
/// PyTorch's SGD.
/// </summary>
public sealed class Sgd<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[]?[] _velocity;
    private readonly T[]?[] _scratch;
    private double _learningRate;

    /// <summary>An optimizer for <paramref name="parameters"/> with <paramref name="options"/>.</summary>
    public Sgd(IEnumerable<Parameter<T>> parameters, SgdOptions options)
        : base(parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckLearningRate(options.LearningRate);
        if (!(options.Momentum >= 0 && options.Momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                FormattableString.Invariant($"Sgd: momentum must be in [0, 1), got {options.Momentum}."));
        }

        if (!(options.WeightDecay >= 0) || !double.IsFinite(options.WeightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                FormattableString.Invariant(
                    $"Sgd: weight decay must be finite and >= 0, got {options.WeightDecay}."));
        }

        if (options.Nesterov && options.Momentum == 0)
        {
            throw new ArgumentException("Sgd: Nesterov momentum needs a momentum > 0.", nameof(options));
        }

        Options = options;
        _learningRate = options.LearningRate;
        _velocity = new T[]?[Parameters.Count];
        _scratch = new T[]?[Parameters.Count];
    }

    /// <summary>The options given at construction.</summary>
    public SgdOptions Options { get; }

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override unsafe void Step()
    {
        var lr = T.CreateChecked(_learningRate);
        var mu = T.CreateChecked(Options.Momentum);
        var decay = T.CreateChecked(Options.WeightDecay);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (p.Grad is null)
            {
                continue;
            }

            var w = p.Span;
            // The gradient is read, never changed: the step direction goes to scratch or the velocity.
            ReadOnlySpan<T> g = p.Grad.Span;
            if (decay != T.Zero)
            {
                var withDecay = Scratch(i, w.Length);
                TensorPrimitives.FusedMultiplyAdd(w, decay, g, withDecay);
                g = withDecay;
            }

            if (mu != T.Zero)
            {
                // Lazy state: the velocity exists from the first step on, starting at the gradient.
                var v = _velocity[i];
                if (v is null)
                {
                    v = _velocity[i] = g.ToArray();
                }
                else
                {
                    ParallelChunks.Update(g, v, mu, &ScaleAndAdd);
                }

                if (Options.Nesterov)
                {
                    var direction = Scratch(i, w.Length);
                    TensorPrimitives.FusedMultiplyAdd(v, mu, g, direction);
                    g = direction;
                }
                else
                {
                    g = v;
                }
            }

            ParallelChunks.Update(g, w, -lr, &AddScaled);
        }

        Steps++;
    }

    // w ← w + s·g, one fused multiply-add per value.
    private static void AddScaled(ReadOnlySpan<T> g, Span<T> w, T s) => TensorPrimitives.FusedMultiplyAdd(g, s, w, w);

    // v ← s·v + g, one fused multiply-add per value.
    private static void ScaleAndAdd(ReadOnlySpan<T> g, Span<T> v, T s) =>
        TensorPrimitives.FusedMultiplyAdd(v, s, g, v);

    /// <inheritdoc/>
    private protected override void WriteState(OptimizerStateWriter<T> writer) =>
        writer.PerParameter("velocity", _velocity);

    /// <inheritdoc/>
    private protected override void ReadState(OptimizerStateReader<T> reader) =>
        reader.PerParameter("velocity", _velocity);

    private Span<T> Scratch(int parameter, int length) => _scratch[parameter] ??= new T[length];
}
