using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;

namespace Astrograd.Kernels;

/// <summary>
/// Swapping two axes of a row-major array viewed as [outer, p, middle, q, inner]: the result is
/// [outer, q, middle, p, inner]. Blocks of <c>inner</c> contiguous elements move together.
/// </summary>
internal static class TransposeKernel
{
    // Square tiles keep both the read and the write side in cache when single elements move (inner = 1).
    private const int Tile = 32;

    /// <summary>
    /// dst[o, b, m, a, i] = src[o, a, m, b, i] (or += with <paramref name="accumulate"/>), for
    /// src of [outer, p, middle, q, inner].
    /// </summary>
    public static void SwapAxes<T>(ReadOnlySpan<T> src, Span<T> dst, int outer, int p, int middle, int q, int inner,
        bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(src.Length == outer * p * middle * q * inner && dst.Length == src.Length);
        for (var o = 0; o < outer; o++)
        {
            for (var m = 0; m < middle; m++)
            {
                for (var a0 = 0; a0 < p; a0 += Tile)
                {
                    var a1 = Math.Min(a0 + Tile, p);
                    for (var b0 = 0; b0 < q; b0 += Tile)
                    {
                        var b1 = Math.Min(b0 + Tile, q);
                        for (var a = a0; a < a1; a++)
                        {
                            for (var b = b0; b < b1; b++)
                            {
                                var from = ((((((o * p) + a) * middle) + m) * q) + b) * inner;
                                var to = ((((((o * q) + b) * middle) + m) * p) + a) * inner;
                                Move(src.Slice(from, inner), dst.Slice(to, inner), accumulate);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void Move<T>(ReadOnlySpan<T> from, Span<T> to, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (from.Length == 1)
        {
            to[0] = accumulate ? to[0] + from[0] : from[0];
        }
        else if (accumulate)
        {
            TensorPrimitives.Add(to, from, to);
        }
        else
        {
            from.CopyTo(to);
        }
    }
}
