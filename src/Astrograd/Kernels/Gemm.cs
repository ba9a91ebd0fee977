using System.Numerics.Tensors;

namespace Astrograd.Kernels;

/// <summary>
/// Placeholder matrix product (row-by-row, vectorised over n); replaced by the packed, blocked kernel.
/// C = (accumulate ? C : 0) + op(A)·op(B), row-major; op(A) is [m,k], op(B) is [k,n].
/// </summary>
internal static class Gemm
{
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, bool accumulate) =>
        Generic(transA, transB, m, n, k, a, b, c, accumulate);

    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, bool accumulate) =>
        Generic(transA, transB, m, n, k, a, b, c, accumulate);

    private static void Generic<T>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, bool accumulate)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (!accumulate)
        {
            c[..(m * n)].Clear();
        }

        var bt = transB ? new T[k * n] : null;
        if (bt is not null)
        {
            for (var j = 0; j < n; j++)
            {
                for (var p = 0; p < k; p++)
                {
                    bt[(p * n) + j] = b[(j * k) + p];
                }
            }
        }

        ReadOnlySpan<T> bb = bt ?? b;
        for (var i = 0; i < m; i++)
        {
            var row = c.Slice(i * n, n);
            for (var p = 0; p < k; p++)
            {
                var aip = transA ? a[(p * m) + i] : a[(i * k) + p];
                TensorPrimitives.FusedMultiplyAdd(bb.Slice(p * n, n), aip, row, row);
            }
        }
    }
}
