using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Astrograd.Kernels;

/// <summary>
/// The log-sum-exp reduction along one axis of an array viewed as [outer, n, inner], and its backward rule.
/// </summary>
internal static class LogSumExpKernel
{
    /// <summary>
    /// r = m + log Σ_j e^(x_j − m), m = max_j x_j (so [1000, 1001] gives 1001.3132616875, not ∞). When m is
    /// ±∞ the result is m (PyTorch's convention); an empty axis (n = 0) gives −∞; NaN anywhere gives NaN.
    /// <paramref name="result"/> has outer · inner elements.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> result, int outer, int n, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == outer * n * inner && result.Length == outer * inner);
        if (n == 0)
        {
            result.Fill(T.NegativeInfinity);
            return;
        }

        if (inner == 1)
        {
            var scratch = ArrayPool<T>.Shared.Rent(n);
            var exps = scratch.AsSpan(0, n);
            for (var o = 0; o < outer; o++)
            {
                var row = x.Slice(o * n, n);
                var max = TensorPrimitives.Max(row);
                if (T.IsInfinity(max))
                {
                    result[o] = max;
                    continue;
                }

                TensorPrimitives.Subtract(row, max, exps);
                TensorPrimitives.Exp(exps, exps);
                result[o] = max + T.Log(TensorPrimitives.Sum<T>(exps));
            }

            ArrayPool<T>.Shared.Return(scratch);
            return;
        }

        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var start = (o * n * inner) + i;
                var max = SoftmaxKernel.StridedMax(x, start, n, inner);
                if (T.IsInfinity(max))
                {
                    result[(o * inner) + i] = max;
                    continue;
                }

                var sum = T.Zero;
                for (var j = 0; j < n; j++)
                {
                    sum += T.Exp(x[start + (j * inner)] - max);
                }

                result[(o * inner) + i] = max + T.Log(sum);
            }
        }
    }

    /// <summary>dx_j += g · e^(x_j − r) (the softmax of the row), from the saved input x and result r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> result, ReadOnlySpan<T> g, Span<T> dx, int outer,
        int n, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == outer * n * inner && dx.Length == x.Length);
        Debug.Assert(result.Length == outer * inner && g.Length == result.Length);
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var r = result[(o * inner) + i];
                var gi = g[(o * inner) + i];
                if (gi == T.Zero)
                {
                    continue; // strong zero: a zero incoming gradient adds exactly 0, even where r is ±∞ or NaN
                }

                var start = (o * n * inner) + i;
                for (var j = 0; j < n; j++)
                {
                    var k = start + (j * inner);
                    dx[k] += gi * T.Exp(x[k] - r);
                }
            }
        }
    }
}
