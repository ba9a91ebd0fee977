using System.Numerics.Tensors;
using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>The largest element, as a scalar tensor (NaN if any element is NaN).</summary>
    /// <remarks>
    /// The gradient goes to the first position holding the maximum (the first NaN, if any), as
    /// <see cref="TensorPrimitives.IndexOfMax{T}"/> picks it; every other element gets 0.
    /// </remarks>
    public Tensor<T> Max() => ExtremumAll("Max", "max", minimum: false);

    /// <summary>
    /// The smallest element, as a scalar tensor; the gradient goes to the first arg-min (see <see cref="Max()"/>).
    /// </summary>
    public Tensor<T> Min() => ExtremumAll("Min", "min", minimum: true);

    /// <summary>The maximum along <paramref name="axis"/> (negative counts from the end).</summary>
    /// <param name="axis">The axis to remove (or keep with size 1).</param>
    /// <param name="keepDims">Keep the reduced axis with size 1, so the result broadcasts against the input.</param>
    /// <remarks>Each output's gradient goes to the first position along the axis holding the maximum.</remarks>
    public Tensor<T> Max(int axis, bool keepDims = false) => ExtremumAxis("Max", "max", axis, keepDims, minimum: false);

    /// <summary>The minimum along <paramref name="axis"/>; see <see cref="Max(int, bool)"/>.</summary>
    public Tensor<T> Min(int axis, bool keepDims = false) => ExtremumAxis("Min", "min", axis, keepDims, minimum: true);

    private Tensor<T> ExtremumAll(string op, string node, bool minimum)
    {
        if (Size == 0)
        {
            throw new InvalidOperationException($"{op}: the tensor of shape {Shape} is empty; there is no {node}.");
        }

        var at = minimum ? TensorPrimitives.IndexOfMin<T>(Span) : TensorPrimitives.IndexOfMax<T>(Span);
        var result = new Tensor<T>(Shape.Scalar, [Span[at]]);
        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record(node, g => x.GradSpan()[at] += g[0], x);
    }

    private Tensor<T> ExtremumAxis(string op, string node, int axis, bool keepDims, bool minimum)
    {
        var a = Shape.NormalizeAxis(axis, op);
        var dims = Shape.Dims;
        int outer = 1, inner = 1, n = dims[a];
        for (var i = 0; i < a; i++)
        {
            outer *= dims[i];
        }

        for (var i = a + 1; i < dims.Length; i++)
        {
            inner *= dims[i];
        }

        if (n == 0)
        {
            throw new InvalidOperationException(
                $"{op}: axis {axis} of shape {Shape} has length 0; there is no {node} along it.");
        }

        var outDims = dims.ToArray();
        if (keepDims)
        {
            outDims[a] = 1;
        }
        else
        {
            outDims = [.. outDims[..a], .. outDims[(a + 1)..]];
        }

        var result = new Tensor<T>(new Shape(outDims), new T[outer * inner]);
        var index = new int[outer * inner];
        ExtremumReductions.Axis<T>(Span, outer, n, inner, minimum, result.Span, index);
        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record(node, g =>
        {
            var dst = x.GradSpan();
            for (var o = 0; o < outer; o++)
            {
                for (var i = 0; i < inner; i++)
                {
                    var k = (o * inner) + i;
                    dst[(((o * n) + index[k]) * inner) + i] += g[k];
                }
            }
        }, x);
    }
}
