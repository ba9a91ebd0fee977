using System.Numerics;
using System.Numerics.Tensors;

namespace Astrograd.Kernels;

/// <summary>
/// Loops that walk a broadcast result in row-major order. The innermost dimension goes to a span
/// kernel in one call (vectorised); only the outer dimensions are counted by hand.
/// </summary>
internal static class BroadcastKernel
{
    /// <summary>
    /// d = x ∘ y over a result of <paramref name="dims"/>, reading x and y with broadcast strides
    /// (0 along broadcast dimensions, 1 or more elsewhere, as <c>Broadcast.Strides</c> gives).
    /// </summary>
    public static void Binary<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<int> xStrides, ReadOnlySpan<T> y,
        ReadOnlySpan<int> yStrides, Span<T> d, ReadOnlySpan<int> dims)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IBinaryKernel<T>
    {
        if (d.Length == 0)
        {
            return;
        }

        if (dims.Length == 0)
        {
            TOp.Apply(x[..1], y[..1], d[..1]);
            return;
        }

        var n = dims[^1];
        int xs = xStrides[^1], ys = yStrides[^1];
        var outer = d.Length / n;
        Span<int> index = stackalloc int[dims.Length];
        int xo = 0, yo = 0;
        for (var row = 0; row < outer; row++)
        {
            var dRow = d.Slice(row * n, n);
            if (xs == 1 && ys == 1)
            {
                TOp.Apply(x.Slice(xo, n), y.Slice(yo, n), dRow);
            }
            else if (xs == 1)
            {
                TOp.Apply(x.Slice(xo, n), y[yo], dRow);
            }
            else if (ys == 1)
            {
                TOp.Apply(x[xo], y.Slice(yo, n), dRow);
            }
            else
            {
                TOp.Apply(x.Slice(xo, 1), y.Slice(yo, 1), dRow[..1]);
                dRow.Fill(dRow[0]);
            }

            Advance(index, dims, xStrides, yStrides, ref xo, ref yo);
        }
    }

    /// <summary>
    /// dst += g summed over every broadcast dimension: the gradient of a broadcast operand, reduced back to
    /// the operand's shape. <paramref name="dstStrides"/> are the operand's broadcast strides.
    /// </summary>
    public static void ReduceAdd<T>(ReadOnlySpan<T> g, ReadOnlySpan<int> dims, Span<T> dst,
        ReadOnlySpan<int> dstStrides)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g.Length == 0)
        {
            return;
        }

        if (dims.Length == 0)
        {
            dst[0] += g[0];
            return;
        }

        var n = dims[^1];
        var ds = dstStrides[^1];
        var outer = g.Length / n;
        Span<int> index = stackalloc int[dims.Length];
        int o = 0, unused = 0;
        for (var row = 0; row < outer; row++)
        {
            var gRow = g.Slice(row * n, n);
            if (ds == 1)
            {
                var target = dst.Slice(o, n);
                TensorPrimitives.Add(target, gRow, target);
            }
            else
            {
                dst[o] += TensorPrimitives.Sum(gRow);
            }

            Advance(index, dims, dstStrides, dstStrides, ref o, ref unused);
        }
    }

    // Steps the outer (all but the last) indices like an odometer, moving both read offsets.
    private static void Advance(Span<int> index, ReadOnlySpan<int> dims, ReadOnlySpan<int> xStrides,
        ReadOnlySpan<int> yStrides, ref int xo, ref int yo)
    {
        for (var axis = dims.Length - 2; axis >= 0; axis--)
        {
            index[axis]++;
            xo += xStrides[axis];
            yo += yStrides[axis];
            if (index[axis] < dims[axis])
            {
                return;
            }

            xo -= xStrides[axis] * dims[axis];
            yo -= yStrides[axis] * dims[axis];
            index[axis] = 0;
        }
    }
}
