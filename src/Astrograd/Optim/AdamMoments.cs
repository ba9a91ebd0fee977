using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Astrograd.NN;

namespace Astrograd.Optim;

/// <summary>
/// The moment estimates and the update shared by <see cref="Adam{T}"/> and <see cref="AdamW{T}"/>, which differ
/// only in where the weight decay goes. Per parameter: the first and second moments m and v, the running
/// maximum of v for AMSGrad, and the parameter's own step count t (a parameter without a gradient is not
/// stepped, so its bias correction does not advance).
/// </summary>
internal sealed class AdamMoments<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[]?[] _first;
    private readonly T[]?[] _second;
    private readonly T[]?[] _secondMax;
    private readonly long[] _steps;
    private readonly bool _amsGrad;

    public AdamMoments(int parameters, bool amsGrad)
    {
        _first = new T[]?[parameters];
        _second = new T[]?[parameters];
        _secondMax = new T[]?[parameters];
        _steps = new long[parameters];
        _amsGrad = amsGrad;
    }

    /// <summary>
    /// One update of every parameter with a gradient, ĝ = g + l2·w, then
    /// w ← keep·w − (λ / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε).
    /// </summary>
    public void Step(IReadOnlyList<Parameter<T>> parameters, double lr, double beta1, double beta2, double epsilon,
        double l2, double keep)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (p.Grad is null)
            {
                continue;
            }

            var n = p.Size;
            var m = _first[i] ??= new T[n];
            var v = _second[i] ??= new T[n];
            var vMax = _amsGrad ? _secondMax[i] ??= new T[n] : [];
            var t = ++_steps[i];

            // The bias corrections in double, as the paper writes them, before narrowing to T.
            var coefficients = new Coefficients(
                T.CreateChecked(beta1), T.CreateChecked(1 - beta1),
                T.CreateChecked(beta2), T.CreateChecked(1 - beta2),
                T.CreateChecked(l2), T.CreateChecked(keep),
                T.CreateChecked(lr / (1 - Math.Pow(beta1, t))),
                T.CreateChecked(Math.Sqrt(1 - Math.Pow(beta2, t))),
                T.CreateChecked(epsilon));
            Update(p.Span, p.Grad.Span, m, v, vMax, coefficients);
        }
    }

    public void Write(OptimizerStateWriter<T> writer)
    {
        writer.PerParameter("first_moment", _first);
        writer.PerParameter("second_moment", _second);
        writer.PerParameter("second_moment_max", _secondMax);
        writer.PerParameter("step", _steps, _first);
    }

    public void Read(OptimizerStateReader<T> reader)
    {
        reader.PerParameter("first_moment", _first);
        reader.PerParameter("second_moment", _second);
        reader.PerParameter("second_moment_max", _secondMax);
        reader.PerParameter("step", _steps);
        for (var i = 0; i < _first.Length; i++)
        {
            // The moments travel together: a half-present state would be a corrupt checkpoint.
            var complete = _first[i] is not null && _second[i] is not null && _steps[i] > 0
                && (_secondMax[i] is not null || !_amsGrad);
            var absent = _first[i] is null && _second[i] is null && _secondMax[i] is null && _steps[i] == 0;
            if (!complete && !absent)
            {
                throw new ArgumentException(
                    $"Adam state of parameter {i} is incomplete: it needs first_moment, second_moment, step" +
                    (_amsGrad ? " and second_moment_max (AMSGrad is on)." : "."), "state");
            }
        }
    }

    private readonly record struct Coefficients(T Beta1, T OneMinusBeta1, T Beta2, T OneMinusBeta2, T L2, T Keep,
        T StepSize, T SqrtCorrection2, T Epsilon);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update(Span<T> w, ReadOnlySpan<T> g, Span<T> m, Span<T> v, Span<T> vMax, Coefficients c)
    {
        Debug.Assert(g.Length == w.Length && m.Length == w.Length && v.Length == w.Length);
        var amsGrad = !vMax.IsEmpty;
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var beta1 = new Vector<T>(c.Beta1);
            var oneMinusBeta1 = new Vector<T>(c.OneMinusBeta1);
            var beta2 = new Vector<T>(c.Beta2);
            var oneMinusBeta2 = new Vector<T>(c.OneMinusBeta2);
            var l2 = new Vector<T>(c.L2);
            var keep = new Vector<T>(c.Keep);
            var stepSize = new Vector<T>(c.StepSize);
            var correction2 = new Vector<T>(c.SqrtCorrection2);
            var epsilon = new Vector<T>(c.Epsilon);
            ref var wr = ref MemoryMarshal.GetReference(w);
            ref var gr = ref MemoryMarshal.GetReference(g);
            ref var mr = ref MemoryMarshal.GetReference(m);
            ref var vr = ref MemoryMarshal.GetReference(v);
            for (; i <= w.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var at = (nuint)i;
                var wi = Vector.LoadUnsafe(ref wr, at);
                var gi = Vector.LoadUnsafe(ref gr, at) + l2 * wi;
                var mi = beta1 * Vector.LoadUnsafe(ref mr, at) + oneMinusBeta1 * gi;
                var vi = beta2 * Vector.LoadUnsafe(ref vr, at) + oneMinusBeta2 * (gi * gi);
                mi.StoreUnsafe(ref mr, at);
                vi.StoreUnsafe(ref vr, at);
                if (amsGrad)
                {
                    ref var xr = ref MemoryMarshal.GetReference(vMax);
                    vi = Vector.Max(Vector.LoadUnsafe(ref xr, at), vi);
                    vi.StoreUnsafe(ref xr, at);
                }

                var denominator = Vector.SquareRoot(vi) / correction2 + epsilon;
                (keep * wi - stepSize * (mi / denominator)).StoreUnsafe(ref wr, at);
            }
        }

        // The same arithmetic, one element at a time, for the tail.
        for (; i < w.Length; i++)
        {
            var gi = g[i] + c.L2 * w[i];
            var mi = m[i] = c.Beta1 * m[i] + c.OneMinusBeta1 * gi;
            var vi = v[i] = c.Beta2 * v[i] + c.OneMinusBeta2 * (gi * gi);
            if (amsGrad)
            {
                vi = vMax[i] = T.Max(vMax[i], vi);
            }

            var denominator = T.Sqrt(vi) / c.SqrtCorrection2 + c.Epsilon;
            w[i] = c.Keep * w[i] - c.StepSize * (mi / denominator);
        }
    }

    /// <summary>Checks the options the two Adam variants share; <paramref name="optimizer"/> names the culprit.
    /// </summary>
    public static void CheckOptions(string optimizer, double beta1, double beta2, double epsilon)
    {
        if (!(beta1 >= 0 && beta1 < 1))
        {
            throw new ArgumentOutOfRangeException("options",
                FormattableString.Invariant($"{optimizer}: Beta1 must be in [0, 1), got {beta1}."));
        }

        if (!(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentOutOfRangeException("options",
                FormattableString.Invariant($"{optimizer}: Beta2 must be in [0, 1), got {beta2}."));
        }

        if (!(epsilon > 0) || !double.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException("options", string.Create(CultureInfo.InvariantCulture,
                $"{optimizer}: Epsilon must be finite and > 0 (it keeps m / (√v + ε) finite where v is 0), " +
                $"got {epsilon}."));
        }
    }
}
