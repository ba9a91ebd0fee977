using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Astrograd.Kernels;

/// <summary>
/// Softmax and log-softmax along one axis of a row-major array viewed as [outer, n, inner] (the axis has
/// length n; inner = 1 when it is the last axis, the contiguous fast path). The row maximum is subtracted
/// first, so logits like [1000, 1001] do not overflow.
/// </summary>
internal static class SoftmaxKernel
{
    /// <summary>
    /// y_j = e^(x_j − m) / Σ_k e^(x_k − m), m = max_k x_k. Entries of −∞ get 0; a row that is all
    /// −∞, or holds
    /// +∞ or NaN, gives NaN (as in PyTorch).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, int outer, int n, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == outer * n * inner && y.Length == x.Length);
        if (x.Length == 0)
        {
            return;
        }

        if (inner == 1)
        {
            for (var o = 0; o < outer; o++)
            {
                var row = x.Slice(o * n, n);
                var target = y.Slice(o * n, n);
                TensorPrimitives.Subtract(row, TensorPrimitives.Max(row), target);
                TensorPrimitives.Exp(target, target);
                TensorPrimitives.Divide(target, TensorPrimitives.Sum<T>(target), target);
            }

            return;
        }

        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var start = (o * n * inner) + i;
                var max = StridedMax(x, start, n, inner);
                var sum = T.Zero;
                for (var j = 0; j < n; j++)
                {
                    var e = T.Exp(x[start + (j * inner)] - max);
                    y[start + (j * inner)] = e;
                    sum += e;
                }

                for (var j = 0; j < n; j++)
                {
                    y[start + (j * inner)] /= sum;
                }
            }
        }
    }

    /// <summary>dx_j += y_j (g_j − Σ_k g_k y_k) along the axis, from the saved output y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx, int outer, int n, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(y.Length == outer * n * inner && g.Length == y.Length && dx.Length == y.Length);
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var start = (o * n * inner) + i;
                var dot = T.Zero;
                for (var j = 0; j < n; j++)
                {
                    var k = start + (j * inner);
                    dot += g[k] * y[k];
                }

                for (var j = 0; j < n; j++)
                {
                    var k = start + (j * inner);
                    dx[k] += y[k] * (g[k] - dot);
                }
            }
        }
    }

    /// <summary>
    /// y_j = x_j − m − log Σ_k e^(x_k − m), m = max_k x_k: finite wherever x_j is, even when e^(x_j − m)
    /// underflows. NaN rows as for <see cref="Forward{T}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LogForward<T>(ReadOnlySpan<T> x, Span<T> y, int outer, int n, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == outer * n * inner && y.Length == x.Length);
        if (x.Length == 0)
        {
            return;
        }

        if (inner == 1)
        {
            var scratch = ArrayPool<T>.Shared.Rent(n);
            var exps = scratch.AsSpan(0, n);
            for (var o = 0; o < outer; o++)
            {
                var row = x.Slice(o * n, n);
                var target = y.Slice(o * n, n);
                TensorPrimitives.Subtract(row, TensorPrimitives.Max(row), target);
                TensorPrimitives.Exp(target, exps);
                TensorPrimitives.Subtract(target, T.Log(TensorPrimitives.Sum<T>(exps)), target);
            }

            ArrayPool<T>.Shared.Return(scratch);
            return;
        }

        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var start = (o * n * inner) + i;
                var max = StridedMax(x, start, n, inner);
                var sum = T.Zero;
                for (var j = 0; j < n; j++)
                {
                    sum += T.Exp(x[start + (j * inner)] - max);
                }

                var shift = max + T.Log(sum);
                for (var j = 0; j < n; j++)
                {
                    y[start + (j * inner)] = x[start + (j * inner)] - shift;
                }
            }
        }
    }

    /// <summary>dx_j += g_j − e^(y_j) Σ_k g_k along the axis, from the saved output y = log-softmax(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LogBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx, int outer, int n, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(y.Length == outer * n * inner && g.Length == y.Length && dx.Length == y.Length);
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var start = (o * n * inner) + i;
                var sum = T.Zero;
                for (var j = 0; j < n; j++)
                {
                    sum += g[start + (j * inner)];
                }

                for (var j = 0; j < n; j++)
                {
                    var k = start + (j * inner);
                    dx[k] += g[k] - (T.Exp(y[k]) * sum);
                }
            }
        }
    }

    /// <summary>The maximum of x[start + j·stride] for j &lt; n; NaN if any is NaN.</summary>
    internal static T StridedMax<T>(ReadOnlySpan<T> x, int start, int n, int stride)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(n > 0);
        var max = x[start];
        for (var j = 1; j < n; j++)
        {
            max = T.Max(max, x[start + (j * stride)]);
        }

        return max;
    }
}
