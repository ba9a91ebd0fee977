using System.Numerics;

namespace Astrograd.Kernels;

/// <summary>The forward of a dense layer over spans, shared by the Linear op and graph-free inference.</summary>
internal static class AffineKernel
{
    /// <summary>
    /// y[n, outputs] = x[n, inputs] · Wᵀ + b, with W stored [outputs, inputs] and b [outputs] (empty: no bias).
    /// The bias is written first and the product added onto it: one pass over y instead of two.
    /// </summary>
    public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, int n, int inputs,
        int outputs, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!bias.IsEmpty)
        {
            for (var r = 0; r < n; r++)
            {
                bias.CopyTo(y.Slice(r * outputs, outputs));
            }
        }

        GemmDispatch.Multiply(false, true, n, outputs, inputs, x, weight, y, accumulate: !bias.IsEmpty);
    }
}
