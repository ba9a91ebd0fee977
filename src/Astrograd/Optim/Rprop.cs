using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Astrograd.NN;

namespace Astrograd.Optim;

/// <summary>Options of <see cref="Rprop{T}"/>; checked when the optimizer is made.</summary>
/// <param name="LearningRate">The initial step size Δ₀ of every element, in [MinStep, MaxStep].</param>
/// <param name="EtaMinus">η⁻ in (0, 1): the step shrinks by it when the gradient changes sign.</param>
/// <param name="EtaPlus">η⁺ &gt; 1: the step grows by it while the gradient keeps its sign.</param>
/// <param name="MinStep">Δmin &gt; 0, the smallest step size.</param>
/// <param name="MaxStep">Δmax ≥ Δmin, the largest step size.</param>
public sealed record RpropOptions(double LearningRate = 0.01, double EtaMinus = 0.5, double EtaPlus = 1.2,
    double MinStep = 1e-6, double MaxStep = 50);

/// <summary>
/// Resilient backpropagation in its iRprop⁻ form (Igel and Hüsken, "Improving the Rprop Learning Algorithm",
/// 2000): each element moves by its own step size against the sign of its gradient, and the size adapts to
/// the sign alone. Per element, with g′ the previous step's (possibly zeroed) gradient:
/// if g·g′ &gt; 0, Δ ← min(η⁺Δ, Δmax); if g·g′ &lt; 0, Δ ← max(η⁻Δ, Δmin) and g is taken as 0 for this step;
/// then w ← w − sign(g)·Δ and g′ ← g. Δ starts at Δ₀ and g′ at 0.
/// </summary>
/// <remarks>
/// Meant for full-batch training: the sign of a mini-batch gradient is too noisy for the step sizes to adapt.
/// <see cref="LearningRate"/> is Δ₀, so it only affects parameters that have not been updated yet; a
/// learning-rate schedule has no effect on adapted step sizes.
/// </remarks>
public sealed class Rprop<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[]?[] _stepSize;
    private readonly T[]?[] _previous;
    private double _learningRate;

    /// <summary>An optimizer for <paramref name="parameters"/> with <paramref name="options"/>.</summary>
    public Rprop(IEnumerable<Parameter<T>> parameters, RpropOptions options)
        : base(parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckLearningRate(options.LearningRate);
        Check(options.EtaMinus > 0 && options.EtaMinus < 1, $"EtaMinus must be in (0, 1), got {options.EtaMinus}.");
        Check(options.EtaPlus > 1 && double.IsFinite(options.EtaPlus),
            $"EtaPlus must be finite and > 1, got {options.EtaPlus}.");
        Check(options.MinStep > 0 && double.IsFinite(options.MinStep),
            $"MinStep must be finite and > 0, got {options.MinStep}.");
        Check(options.MaxStep >= options.MinStep && double.IsFinite(options.MaxStep),
            $"MaxStep must be finite and >= MinStep ({options.MinStep}), got {options.MaxStep}.");

        Options = options;
        CheckInitialStep(options.LearningRate);
        _learningRate = options.LearningRate;
        _stepSize = new T[]?[Parameters.Count];
        _previous = new T[]?[Parameters.Count];
    }

    /// <summary>The options given at construction.</summary>
    public RpropOptions Options { get; }

    /// <summary>The initial step size Δ₀ for parameters not updated yet; it must lie in [MinStep, MaxStep].</summary>
    public override double LearningRate
    {
        get => _learningRate;
        set
        {
            CheckLearningRate(value, allowZero: true);
            CheckInitialStep(value);
            _learningRate = value;
        }
    }

    /// <inheritdoc/>
    public override void Step()
    {
        var c = new Coefficients(T.CreateChecked(Options.EtaMinus), T.CreateChecked(Options.EtaPlus),
            T.CreateChecked(Options.MinStep), T.CreateChecked(Options.MaxStep));
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (p.Grad is null)
            {
                continue;
            }

            if (_stepSize[i] is null)
            {
                // Lazy state: Δ₀ everywhere, and a previous gradient of 0 so that the first step keeps Δ₀.
                _stepSize[i] = new T[p.Size];
                _stepSize[i].AsSpan().Fill(T.CreateChecked(_learningRate));
                _previous[i] = new T[p.Size];
            }

            Update(p.Span, p.Grad.Span, _stepSize[i]!, _previous[i]!, c);
        }

        Steps++;
    }

    /// <inheritdoc/>
    private protected override void WriteState(OptimizerStateWriter<T> writer)
    {
        writer.PerParameter("step_size", _stepSize);
        writer.PerParameter("previous_gradient", _previous);
    }

    /// <inheritdoc/>
    private protected override void ReadState(OptimizerStateReader<T> reader)
    {
        reader.PerParameter("step_size", _stepSize);
        reader.PerParameter("previous_gradient", _previous);
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (_stepSize[i] is null != _previous[i] is null)
            {
                throw new ArgumentException(
                    $"Rprop: the state of parameter {i} needs both step_size and previous_gradient.", "state");
            }
        }
    }

    private void CheckInitialStep(double lr)
    {
        if (lr < Options.MinStep || lr > Options.MaxStep)
        {
            throw new ArgumentOutOfRangeException(nameof(lr), string.Create(CultureInfo.InvariantCulture,
                $"Rprop: the learning rate is the initial step size and must lie in [MinStep, MaxStep] = " +
                $"[{Options.MinStep}, {Options.MaxStep}], got {lr}."));
        }
    }

    private static void Check(bool ok, FormattableString message)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException("options",
                $"Rprop: {FormattableString.Invariant(message)}");
        }
    }

    private readonly record struct Coefficients(T EtaMinus, T EtaPlus, T MinStep, T MaxStep);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update(Span<T> w, ReadOnlySpan<T> g, Span<T> step, Span<T> previous, Coefficients c)
    {
        Debug.Assert(g.Length == w.Length && step.Length == w.Length && previous.Length == w.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var etaMinus = new Vector<T>(c.EtaMinus);
            var etaPlus = new Vector<T>(c.EtaPlus);
            var minStep = new Vector<T>(c.MinStep);
            var maxStep = new Vector<T>(c.MaxStep);
            ref var wr = ref MemoryMarshal.GetReference(w);
            ref var gr = ref MemoryMarshal.GetReference(g);
            ref var dr = ref MemoryMarshal.GetReference(step);
            ref var pr = ref MemoryMarshal.GetReference(previous);
            for (; i <= w.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var at = (nuint)i;
                var gi = Vector.LoadUnsafe(ref gr, at);
                var product = gi * Vector.LoadUnsafe(ref pr, at);
                var same = Vector.GreaterThan(product, Vector<T>.Zero);
                var flipped = Vector.LessThan(product, Vector<T>.Zero);
                var factor = Vector.ConditionalSelect(same, etaPlus,
                    Vector.ConditionalSelect(flipped, etaMinus, Vector<T>.One));
                var di = Vector.Min(Vector.Max(Vector.LoadUnsafe(ref dr, at) * factor, minStep), maxStep);
                di.StoreUnsafe(ref dr, at);

                // After a sign change the step is skipped, and the next step starts afresh (g′ = 0).
                gi = Vector.ConditionalSelect(flipped, Vector<T>.Zero, gi);
                gi.StoreUnsafe(ref pr, at);
                var signed = Vector.ConditionalSelect(Vector.GreaterThan(gi, Vector<T>.Zero), di,
                    Vector.ConditionalSelect(Vector.LessThan(gi, Vector<T>.Zero), -di, Vector<T>.Zero));
                (Vector.LoadUnsafe(ref wr, at) - signed).StoreUnsafe(ref wr, at);
            }
        }

        // The same arithmetic, one element at a time, for the tail.
        for (; i < w.Length; i++)
        {
            var gi = g[i];
            var product = gi * previous[i];
            var factor = product > T.Zero ? c.EtaPlus : product < T.Zero ? c.EtaMinus : T.One;
            var di = step[i] = T.Min(T.Max(step[i] * factor, c.MinStep), c.MaxStep);
            if (product < T.Zero)
            {
                gi = T.Zero;
            }

            previous[i] = gi;
            w[i] -= gi > T.Zero ? di : gi < T.Zero ? -di : T.Zero;
        }
    }
}
