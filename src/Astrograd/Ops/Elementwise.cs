using System.Numerics;
using Astrograd.Kernels;

namespace Astrograd;

/// <summary>Shared forward plumbing of the broadcasting binary ops (values only, no graph).</summary>
internal static class Elementwise
{
    /// <summary>x ∘ y with numpy broadcasting; the error names <paramref name="op"/> and both shapes.</summary>
    public static Tensor<T> Binary<T, TOp>(string op, Tensor<T> x, Tensor<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IBinaryKernel<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var shape = Broadcast.Result(op, x.Shape, y.Shape);
        var result = new Tensor<T>(shape, new T[shape.Size]);

        if (x.Shape == y.Shape)
        {
            TOp.Apply(x.Span, y.Span, result.Span);
        }
        else if (y.Size == 1 && shape == x.Shape)
        {
            TOp.Apply(x.Span, y.Span[0], result.Span);
        }
        else if (x.Size == 1 && shape == y.Shape)
        {
            TOp.Apply(x.Span[0], y.Span, result.Span);
        }
        else
        {
            BroadcastKernel.Binary<T, TOp>(x.Span, Broadcast.Strides(x.Shape, shape), y.Span,
                Broadcast.Strides(y.Shape, shape), result.Span, shape.Dims);
        }

        return result;
    }

    /// <summary>
    /// Adds <paramref name="g"/> (of the result's shape) into <paramref name="operand"/>'s gradient, summing over
    /// the dimensions along which the operand was broadcast.
    /// </summary>
    public static void AccumulateReduced<T>(Tensor<T> operand, ReadOnlySpan<T> g, Shape resultShape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dst = operand.GradSpan();
        if (operand.Shape == resultShape)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(dst, g, dst);
        }
        else if (operand.Size == 1)
        {
            dst[0] += System.Numerics.Tensors.TensorPrimitives.Sum(g);
        }
        else
        {
            BroadcastKernel.ReduceAdd(g, resultShape.Dims, dst, Broadcast.Strides(operand.Shape, resultShape));
        }
    }
}
