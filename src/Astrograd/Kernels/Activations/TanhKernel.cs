using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;

namespace Astrograd.Kernels;

/// <summary>The hyperbolic tangent tanh(x) = (eˣ − e^(−x)) / (eˣ + e^(−x)) and its backward rule,
/// over spans.</summary>
internal static class TanhKernel
{
    /// <summary>y = tanh(x); tanh(±∞) = ±1, and large |x| saturate to ±1 without NaN.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == y.Length);
        TensorPrimitives.Tanh(x, y);
    }

    /// <summary>dx += g · (1 − y²), from the saved output y = tanh(x).</summary>
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
                var d = new Vector<T>(dx[i..]) + (new Vector<T>(g[i..]) * (Vector<T>.One - (yi * yi)));
                d.CopyTo(dx[i..]);
            }
        }

        for (; i < y.Length; i++)
        {
            dx[i] += g[i] * (T.One - (y[i] * y[i]));
        }
    }
}
