using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Astrograd.Kernels;

/// <summary>The sigmoid linear unit silu(x) = x · σ(x) (also called swish), and its backward rule.</summary>
internal static class SiluKernel
{
    /// <summary>
    /// s = σ(x) and y = x · s; silu(−∞) = 0 (the limit, not −∞ · 0 = NaN). <paramref name="sigmoid"/> may be
    /// <paramref name="y"/> itself when σ is not needed afterwards.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> sigmoid, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == y.Length && x.Length == sigmoid.Length);
        SigmoidKernel.Forward(x, sigmoid);
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var s = new Vector<T>(sigmoid[i..]);
                var product = new Vector<T>(x[i..]) * s;
                Vector.ConditionalSelect(Vector.Equals(s, Vector<T>.Zero), Vector<T>.Zero, product).CopyTo(y[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            var s = sigmoid[i];
            y[i] = s == T.Zero ? T.Zero : x[i] * s;
        }
    }

    /// <summary>
    /// dx += g · σ(x)(1 + x(1 − σ(x))), from the saved input and σ(x); the limits 0 at −∞ and 1 at
    /// +∞ are used
    /// where the formula would give ∞ · 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> sigmoid, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == sigmoid.Length && x.Length == g.Length && x.Length == dx.Length);
        for (var i = 0; i < x.Length; i++)
        {
            if (g[i] == T.Zero)
            {
                continue; // strong zero: a zero incoming gradient adds exactly 0, even at a NaN input
            }

            T xi = x[i], s = sigmoid[i];
            var slope = T.IsInfinity(xi)
                ? (xi > T.Zero ? T.One : T.Zero)
                : s * (T.One + (xi * (T.One - s)));
            dx[i] += g[i] * slope;
        }
    }
}
