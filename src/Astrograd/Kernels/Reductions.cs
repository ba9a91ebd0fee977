using System.Numerics;
using System.Numerics.Tensors;

namespace Astrograd.Kernels;

/// <summary>Reductions along one axis of a row-major array viewed as [outer, n, inner].</summary>
internal static class Reductions
{
    /// <summary>dst[o, i] = Σ_j src[o, j, i]; dst has outer·inner elements and is overwritten.</summary>
    public static void SumAxis<T>(ReadOnlySpan<T> src, int outer, int n, int inner, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        dst[..(outer * inner)].Clear();
        for (var o = 0; o < outer; o++)
        {
            var target = dst.Slice(o * inner, inner);
            for (var j = 0; j < n; j++)
            {
                TensorPrimitives.Add(target, src.Slice(((o * n) + j) * inner, inner), target);
            }
        }
    }

    /// <summary>dst[o, j, i] += scale · g[o, i]: the gradient of a sum (scale 1) or mean (scale 1/n) along an
    /// axis.</summary>
    public static void SpreadAddAxis<T>(ReadOnlySpan<T> g, int outer, int n, int inner, T scale, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var o = 0; o < outer; o++)
        {
            var source = g.Slice(o * inner, inner);
            for (var j = 0; j < n; j++)
            {
                var target = dst.Slice(((o * n) + j) * inner, inner);
                TensorPrimitives.FusedMultiplyAdd(source, scale, target, target);
            }
        }
    }
}
