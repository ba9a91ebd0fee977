using System.Numerics;
using System.Numerics.Tensors;
using Astrograd.Kernels;

namespace Astrograd;

/// <summary>
/// Plumbing for backward rules of broadcasting ops: operands expanded to the result's shape, and gradient
/// targets that are either the operand's own buffer or a scratch buffer summed back to its shape.
/// </summary>
internal static class BroadcastGrad
{
    /// <summary>
    /// The elements of <paramref name="x"/> repeated to <paramref name="shape"/> (its own span when equal).
    /// </summary>
    public static ReadOnlySpan<T> Expand<T>(Tensor<T> x, Shape shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Shape == shape)
        {
            return x.Span;
        }

        var data = new T[shape.Size];
        if (x.Size == 1)
        {
            Array.Fill(data, x.Span[0]);
        }
        else
        {
            var strides = Broadcast.Strides(x.Shape, shape);
            BroadcastKernel.Binary<T, CopyFirstKernel<T>>(x.Span, strides, x.Span, strides, data, shape.Dims);
        }

        return data;
    }

    /// <summary>
    /// Where a rule accumulates <paramref name="operand"/>'s gradient laid out in the result's
    /// <paramref name="shape"/>: its gradient buffer when the shapes agree, otherwise a zeroed scratch buffer
    /// (returned in <paramref name="scratch"/>) that <see cref="Finish{T}"/> then sums back.
    /// </summary>
    public static Span<T> Target<T>(Tensor<T> operand, Shape shape, out T[]? scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (operand.Shape == shape)
        {
            scratch = null;
            return operand.GradSpan();
        }

        scratch = new T[shape.Size];
        return scratch;
    }

    /// <summary>Sums a scratch buffer from <see cref="Target{T}"/> into the operand's gradient
    /// (null: nothing).</summary>
    public static void Finish<T>(Tensor<T> operand, T[]? scratch, Shape shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (scratch is not null)
        {
            Elementwise.AccumulateReduced(operand, scratch, shape);
        }
    }

    /// <summary>operand.grad −= reduce(g): the gradient of a subtracted or negated operand.</summary>
    public static void SubtractReduced<T>(Tensor<T> operand, ReadOnlySpan<T> g, Shape shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (operand.Shape == shape)
        {
            var dst = operand.GradSpan();
            TensorPrimitives.Subtract(dst, g, dst);
        }
        else if (operand.Size == 1)
        {
            operand.GradSpan()[0] -= TensorPrimitives.Sum(g);
        }
        else
        {
            var negated = new T[g.Length];
            TensorPrimitives.Negate(g, negated);
            Elementwise.AccumulateReduced(operand, negated, shape);
        }
    }
}
