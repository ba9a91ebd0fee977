using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Astrograd.NN;

namespace Astrograd.Optim;

/// <summary>Options of <see cref="RmsProp{T}"/>; checked when the optimizer is made.</summary>
/// <param name="LearningRate">λ, finite and &gt; 0.</param>
/// <param name="Alpha">α in [0, 1), the decay of the running mean of g².</param>
/// <param name="Epsilon">ε, finite and &gt; 0, added to the root mean square (outside the root).</param>
/// <param name="Momentum">μ in [0, 1); above 0 the scaled gradients accumulate in a velocity.</param>
/// <param name="Centered">Divide by an estimate of the standard deviation of g, √(E[g²] − E[g]²), instead of
/// the root mean square (Graves, "Generating Sequences With Recurrent Neural Networks", 2013).</param>
/// <param name="L2WeightDecay">Coefficient of an L2 penalty added to the gradient (g + decay·w), ≥ 0.</param>
public sealed record RmsPropOptions(double LearningRate = 0.01, double Alpha = 0.99, double Epsilon = 1e-8,
    double Momentum = 0, bool Centered = false, double L2WeightDecay = 0);

/// <summary>
/// RMSprop (Tieleman and Hinton, lecture 6.5 of "Neural Networks for Machine Learning", 2012). Per element,
/// with g the gradient plus the optional L2 term: s ← αs + (1 − α)g²; centred, also a ← αa + (1 − α)g and
/// r = √(s − a²), else r = √s; then w ← w − λ·g / (r + ε), or with momentum b ← μb + g / (r + ε) and
/// w ← w − λb. s, a and b start at 0.
/// </summary>
public sealed class RmsProp<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[]?[] _squareAverage;
    private readonly T[]?[] _gradientAverage;
    private readonly T[]?[] _velocity;
    private double _learningRate;

    /// <summary>An optimizer for <paramref name="parameters"/> with <paramref name="options"/>.</summary>
    public RmsProp(IEnumerable<Parameter<T>> parameters, RmsPropOptions options)
        : base(parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckLearningRate(options.LearningRate);
        Check(options.Alpha >= 0 && options.Alpha < 1, $"Alpha must be in [0, 1), got {options.Alpha}.");
        Check(options.Epsilon > 0 && double.IsFinite(options.Epsilon),
            $"Epsilon must be finite and > 0, got {options.Epsilon}.");
        Check(options.Momentum >= 0 && options.Momentum < 1, $"Momentum must be in [0, 1), got {options.Momentum}.");
        Check(options.L2WeightDecay >= 0 && double.IsFinite(options.L2WeightDecay),
            $"L2WeightDecay must be finite and >= 0, got {options.L2WeightDecay}.");

        Options = options;
        _learningRate = options.LearningRate;
        _squareAverage = new T[]?[Parameters.Count];
        _gradientAverage = new T[]?[Parameters.Count];
        _velocity = new T[]?[Parameters.Count];
    }

    /// <summary>The options given at construction.</summary>
    public RmsPropOptions Options { get; }

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
        var c = new Coefficients(T.CreateChecked(_learningRate), T.CreateChecked(Options.Alpha),
            T.CreateChecked(1 - Options.Alpha), T.CreateChecked(Options.Epsilon), T.CreateChecked(Options.Momentum),
            T.CreateChecked(Options.L2WeightDecay));
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (p.Grad is null)
            {
                continue;
            }

            var n = p.Size;
            var s = _squareAverage[i] ??= new T[n];
            var a = Options.Centered ? _gradientAverage[i] ??= new T[n] : [];
            var b = Options.Momentum > 0 ? _velocity[i] ??= new T[n] : [];
            Update(p.Span, p.Grad.Span, s, a, b, c);
        }

        Steps++;
    }

    /// <inheritdoc/>
    private protected override void WriteState(OptimizerStateWriter<T> writer)
    {
        writer.PerParameter("square_average", _squareAverage);
        writer.PerParameter("gradient_average", _gradientAverage);
        writer.PerParameter("velocity", _velocity);
    }

    /// <inheritdoc/>
    private protected override void ReadState(OptimizerStateReader<T> reader)
    {
        reader.PerParameter("square_average", _squareAverage);
        reader.PerParameter("gradient_average", _gradientAverage);
        reader.PerParameter("velocity", _velocity);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var has = _squareAverage[i] is not null;
            if ((Options.Centered && has != _gradientAverage[i] is not null)
                || (Options.Momentum > 0 && has != _velocity[i] is not null))
            {
                throw new ArgumentException($"RmsProp: the state of parameter {i} is incomplete for these " +
                    "options (centred needs gradient_average, momentum needs velocity).", "state");
            }
        }
    }

    private static void Check(bool ok, FormattableString message)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException("options",
                $"RmsProp: {FormattableString.Invariant(message)}");
        }
    }

    private readonly record struct Coefficients(T Lr, T Alpha, T OneMinusAlpha, T Epsilon, T Momentum, T L2);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update(Span<T> w, ReadOnlySpan<T> g, Span<T> s, Span<T> a, Span<T> b, Coefficients c)
    {
        Debug.Assert(g.Length == w.Length && s.Length == w.Length);
        var centered = !a.IsEmpty;
        var momentum = !b.IsEmpty;
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var lr = new Vector<T>(c.Lr);
            var alpha = new Vector<T>(c.Alpha);
            var oneMinusAlpha = new Vector<T>(c.OneMinusAlpha);
            var epsilon = new Vector<T>(c.Epsilon);
            var mu = new Vector<T>(c.Momentum);
            var l2 = new Vector<T>(c.L2);
            ref var wr = ref MemoryMarshal.GetReference(w);
            ref var gr = ref MemoryMarshal.GetReference(g);
            ref var sr = ref MemoryMarshal.GetReference(s);
            for (; i <= w.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var at = (nuint)i;
                var wi = Vector.LoadUnsafe(ref wr, at);
                var gi = Vector.LoadUnsafe(ref gr, at) + l2 * wi;
                var si = alpha * Vector.LoadUnsafe(ref sr, at) + oneMinusAlpha * (gi * gi);
                si.StoreUnsafe(ref sr, at);
                var variance = si;
                if (centered)
                {
                    ref var ar = ref MemoryMarshal.GetReference(a);
                    var ai = alpha * Vector.LoadUnsafe(ref ar, at) + oneMinusAlpha * gi;
                    ai.StoreUnsafe(ref ar, at);
                    // Rounding can push s − a² a hair below 0, where the root would be NaN.
                    variance = Vector.Max(si - ai * ai, Vector<T>.Zero);
                }

                var scaled = gi / (Vector.SquareRoot(variance) + epsilon);
                if (momentum)
                {
                    ref var br = ref MemoryMarshal.GetReference(b);
                    scaled = mu * Vector.LoadUnsafe(ref br, at) + scaled;
                    scaled.StoreUnsafe(ref br, at);
                }

                (wi - lr * scaled).StoreUnsafe(ref wr, at);
            }
        }

        // The same arithmetic, one element at a time, for the tail.
        for (; i < w.Length; i++)
        {
            var gi = g[i] + c.L2 * w[i];
            var si = s[i] = c.Alpha * s[i] + c.OneMinusAlpha * (gi * gi);
            var variance = si;
            if (centered)
            {
                var ai = a[i] = c.Alpha * a[i] + c.OneMinusAlpha * gi;
                variance = T.Max(si - ai * ai, T.Zero);
            }

            var scaled = gi / (T.Sqrt(variance) + c.Epsilon);
            if (momentum)
            {
                scaled = b[i] = c.Momentum * b[i] + scaled;
            }

            w[i] -= c.Lr * scaled;
        }
    }
}
