using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Astrograd.Kernels;

/// <summary>
/// Products with a dimension of 1: an outer product (k = 1), a matrix times a vector (n = 1) and a vector
/// times a matrix (m = 1). A network's one-output layer and its gradients are such products; the packed,
/// tiled path would pad 1 to a whole register tile and spend most of its time packing and merging edges.
/// </summary>
/// <remarks>
/// Each is a loop of span operations that stream the matrix once. Where the product runs along contiguous
/// rows (a sum of scaled rows), terms are added in increasing depth with fused multiply-adds, as the tiled
/// kernels do; where it is a dot product of two contiguous rows, the dot product's own order is used, so the
/// bits may differ from the tiled path by rounding (they are the same on every call).
/// </remarks>
internal static unsafe class GemmThin
{
    /// <summary>True when one of the dimensions is 1 and this class computes the product.</summary>
    public static bool Handles<T>(in GemmProblem<T> pr)
        where T : unmanaged => pr.M == 1 || pr.N == 1 || pr.K == 1;

    /// <summary>C = (accumulate ? C : 0) + op(A) · op(B) for a problem that <see cref="Handles{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T>(in GemmProblem<T> pr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = pr.M, n = pr.N, k = pr.K;
        var a = new ReadOnlySpan<T>((T*)pr.A, m * k);
        var b = new ReadOnlySpan<T>((T*)pr.B, k * n);
        var c = new Span<T>((T*)pr.C, m * n);

        if (k == 1)
        {
            // op(A) is a column and op(B) a row whatever their storage: C[i, :] (+)= a[i] · b, the product
            // rounded before it is added, as the tiled kernels do.
            for (var i = 0; i < m; i++)
            {
                Outer(b, a[i], c.Slice(i * n, n), pr.Accumulate);
            }

            return;
        }

        if (n == 1)
        {
            // C (+)= op(A) · b with b a vector of k whatever its storage.
            if (!pr.TransA)
            {
                Dots(a, k, b, c, pr.Accumulate);
            }
            else
            {
                RowSum(a, m, b, c, pr.Accumulate);
            }

            return;
        }

        // m == 1: C (+)= aᵀ · op(B) with a a vector of k whatever its storage.
        if (!pr.TransB)
        {
            RowSum(b, n, a, c, pr.Accumulate);
        }
        else
        {
            Dots(b, k, a, c, pr.Accumulate);
        }
    }

    // c[i] (+)= rows[i, :] · v, for rows stored [c.Length, width]: four rows at a time share each load of v.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dots<T>(ReadOnlySpan<T> rows, int width, ReadOnlySpan<T> v, Span<T> c, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lanes = Vector<T>.Count;
        var i = 0;
        for (; i + 4 <= c.Length; i += 4)
        {
            var r0 = rows.Slice(i * width, width);
            var r1 = rows.Slice((i + 1) * width, width);
            var r2 = rows.Slice((i + 2) * width, width);
            var r3 = rows.Slice((i + 3) * width, width);
            Vector<T> s0 = default, s1 = default, s2 = default, s3 = default;
            var p = 0;
            for (; p + lanes <= width; p += lanes)
            {
                var x = new Vector<T>(v[p..]);
                s0 = VectorMath.Fma(new Vector<T>(r0[p..]), x, s0);
                s1 = VectorMath.Fma(new Vector<T>(r1[p..]), x, s1);
                s2 = VectorMath.Fma(new Vector<T>(r2[p..]), x, s2);
                s3 = VectorMath.Fma(new Vector<T>(r3[p..]), x, s3);
            }

            T d0 = Vector.Sum(s0), d1 = Vector.Sum(s1), d2 = Vector.Sum(s2), d3 = Vector.Sum(s3);
            for (; p < width; p++)
            {
                d0 += r0[p] * v[p];
                d1 += r1[p] * v[p];
                d2 += r2[p] * v[p];
                d3 += r3[p] * v[p];
            }

            Store(c, i, d0, accumulate);
            Store(c, i + 1, d1, accumulate);
            Store(c, i + 2, d2, accumulate);
            Store(c, i + 3, d3, accumulate);
        }

        for (; i < c.Length; i++)
        {
            Store(c, i, TensorPrimitives.Dot(rows.Slice(i * width, width), v), accumulate);
        }
    }

    // row (+)= round(b · s).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Outer<T>(ReadOnlySpan<T> b, T s, Span<T> row, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lanes = Vector<T>.Count;
        var scale = new Vector<T>(s);
        var j = 0;
        for (; j + lanes <= row.Length; j += lanes)
        {
            var product = new Vector<T>(b[j..]) * scale;
            (accumulate ? product + new Vector<T>(row[j..]) : product).CopyTo(row[j..]);
        }

        for (; j < row.Length; j++)
        {
            row[j] = accumulate ? (b[j] * s) + row[j] : b[j] * s;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Store<T>(Span<T> c, int i, T value, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> => c[i] = accumulate ? c[i] + value : value;

    // c (+)= Σₚ weights[p] · rows[p, :], for rows stored [weights.Length, width], summed from zero in increasing p
    // with fused multiply-adds; four vectors of columns stay in registers for the whole depth.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowSum<T>(ReadOnlySpan<T> rows, int width, ReadOnlySpan<T> weights, Span<T> c,
        bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lanes = Vector<T>.Count;
        var j = 0;
        for (; j + (4 * lanes) <= width; j += 4 * lanes)
        {
            Vector<T> s0 = default, s1 = default, s2 = default, s3 = default;
            for (var p = 0; p < weights.Length; p++)
            {
                var w = new Vector<T>(weights[p]);
                var row = rows.Slice((p * width) + j, 4 * lanes);
                s0 = VectorMath.Fma(new Vector<T>(row), w, s0);
                s1 = VectorMath.Fma(new Vector<T>(row[lanes..]), w, s1);
                s2 = VectorMath.Fma(new Vector<T>(row[(2 * lanes)..]), w, s2);
                s3 = VectorMath.Fma(new Vector<T>(row[(3 * lanes)..]), w, s3);
            }

            var target = c.Slice(j, 4 * lanes);
            if (accumulate)
            {
                s0 += new Vector<T>(target);
                s1 += new Vector<T>(target[lanes..]);
                s2 += new Vector<T>(target[(2 * lanes)..]);
                s3 += new Vector<T>(target[(3 * lanes)..]);
            }

            s0.CopyTo(target);
            s1.CopyTo(target[lanes..]);
            s2.CopyTo(target[(2 * lanes)..]);
            s3.CopyTo(target[(3 * lanes)..]);
        }

        for (; j < width; j++)
        {
            var sum = T.Zero;
            for (var p = 0; p < weights.Length; p++)
            {
                sum = T.FusedMultiplyAdd(rows[(p * width) + j], weights[p], sum);
            }

            c[j] = accumulate ? c[j] + sum : sum;
        }
    }
}
