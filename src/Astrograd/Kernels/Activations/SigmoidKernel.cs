using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Astrograd.Kernels;

/// <summary>The logistic sigmoid σ(x) = 1 / (1 + e^(−x)) and its backward rule, over spans.</summary>
internal static class SigmoidKernel
{
    /// <summary>
    /// y = σ(x). For very negative x, e^(−x) overflows to +∞ and σ becomes 0 (never NaN); for very positive x
    /// e^(−x) underflows and σ becomes 1. In between the formula has no cancellation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == y.Length);
        if (x.IsEmpty)
        {
            // TensorPrimitives.Sigmoid rejects empty spans.
            return;
        }

        TensorPrimitives.Sigmoid(x, y);
    }

    /// <summary>dx += g · y · (1 − y), from the saved output y = σ(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(y.Length == g.Length && y.Length == dx.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; i <= y.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var yi = new Vector<T>(y[i..]);
                var gi = new Vector<T>(g[i..]);
                var contribution = gi * yi * (Vector<T>.One - yi);

                // Strong zero: a zero incoming gradient adds exactly 0, even where y is NaN.
                var d = new Vector<T>(dx[i..]) + Vector.ConditionalSelect(Vector.Equals(gi, Vector<T>.Zero),
                    Vector<T>.Zero, contribution);
                d.CopyTo(dx[i..]);
            }
        }

        for (; i < y.Length; i++)
        {
            if (g[i] != T.Zero)
            {
                dx[i] += g[i] * y[i] * (T.One - y[i]);
            }
        }
    }
}
