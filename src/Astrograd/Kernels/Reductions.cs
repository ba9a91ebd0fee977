using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Astrograd.Kernels;

/// <summary>Reductions along one axis of a row-major array viewed as [outer, n, inner].</summary>
internal static class Reductions
{
    /// <summary>dst[o, i] = Σ_j src[o, j, i]; dst has outer·inner elements and is overwritten.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SumAxis<T>(ReadOnlySpan<T> src, int outer, int n, int inner, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        dst[..(outer * inner)].Clear();
        for (var o = 0; o < outer; o++)
        {
            AddColumnSums(src.Slice(o * n * inner, n * inner), n, inner, dst.Slice(o * inner, inner));
        }
    }

    /// <summary>
    /// dst[j] += Σᵢ src[i, j] for src [rows, cols]: a bias gradient. The rows are added to dst one after another
    /// in order (the same bits as adding row by row), with four vectors of columns held in registers throughout.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddColumnSums<T>(ReadOnlySpan<T> src, int rows, int cols, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lanes = Vector<T>.Count;
        var j = 0;
        for (; j + (4 * lanes) <= cols; j += 4 * lanes)
        {
            var target = dst.Slice(j, 4 * lanes);
            var s0 = new Vector<T>(target);
            var s1 = new Vector<T>(target[lanes..]);
            var s2 = new Vector<T>(target[(2 * lanes)..]);
            var s3 = new Vector<T>(target[(3 * lanes)..]);
            for (var i = 0; i < rows; i++)
            {
                var row = src.Slice((i * cols) + j, 4 * lanes);
                s0 += new Vector<T>(row);
                s1 += new Vector<T>(row[lanes..]);
                s2 += new Vector<T>(row[(2 * lanes)..]);
                s3 += new Vector<T>(row[(3 * lanes)..]);
            }

            s0.CopyTo(target);
            s1.CopyTo(target[lanes..]);
            s2.CopyTo(target[(2 * lanes)..]);
            s3.CopyTo(target[(3 * lanes)..]);
        }

        for (; j + lanes <= cols; j += lanes)
        {
            var s = new Vector<T>(dst[j..]);
            for (var i = 0; i < rows; i++)
            {
                s += new Vector<T>(src[((i * cols) + j)..]);
            }

            s.CopyTo(dst[j..]);
        }

        for (; j < cols; j++)
        {
            var s = dst[j];
            for (var i = 0; i < rows; i++)
            {
                s += src[(i * cols) + j];
            }

            dst[j] = s;
        }
    }

    /// <summary>dst[o, j, i] += scale · g[o, i]: the gradient of a sum (scale 1) or mean (scale 1/n) along an
    /// axis.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
