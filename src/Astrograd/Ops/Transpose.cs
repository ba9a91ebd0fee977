using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// Swaps two axes (by default the last two: a matrix transpose, batched over leading axes). The result is
    /// a new contiguous copy. Negative axes count from the end.
    /// </summary>
    /// <remarks>∂out/∂x swaps the same axes of the gradient back.</remarks>
    public Tensor<T> Transpose(int axis0 = -2, int axis1 = -1)
    {
        if (Rank < 2 && (axis0 < 0 || axis1 < 0))
        {
            throw new ArgumentException(
                $"Transpose: needs rank >= 2 to swap axes {axis0} and {axis1}, got shape {Shape}.", nameof(axis0));
        }

        var first = Shape.NormalizeAxis(axis0, "Transpose");
        var second = Shape.NormalizeAxis(axis1, "Transpose");
        (first, second) = (Math.Min(first, second), Math.Max(first, second));

        var dims = Shape.ToArray();
        // Swapping an axis with itself is a plain copy: one block of every element.
        var (outer, p, middle, q, inner) = first == second ? (1, 1, 1, 1, Size) : SwapExtents(dims, first, second);
        (dims[first], dims[second]) = (dims[second], dims[first]);
        var result = new Tensor<T>(new Shape(dims), new T[Size]);
        TransposeKernel.SwapAxes<T>(Span, result.Span, outer, p, middle, q, inner, accumulate: false);
        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record("transpose",
            g => TransposeKernel.SwapAxes(g, x.GradSpan(), outer, q, middle, p, inner, accumulate: true), x);
    }

    // The shape as [outer, p, middle, q, inner] around the two axes being swapped (first < second).
    private static (int Outer, int P, int Middle, int Q, int Inner) SwapExtents(int[] dims, int first, int second)
    {
        int outer = 1, middle = 1, inner = 1;
        for (var i = 0; i < first; i++)
        {
            outer *= dims[i];
        }

        for (var i = first + 1; i < second; i++)
        {
            middle *= dims[i];
        }

        for (var i = second + 1; i < dims.Length; i++)
        {
            inner *= dims[i];
        }

        return (outer, dims[first], middle, dims[second], inner);
    }
}
