using System.Numerics.Tensors;
using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>Elementwise product with broadcasting: out = this · other.</summary>
    /// <remarks>∂out/∂this = other, ∂out/∂other = this; each gradient is summed back to its
    /// operand's shape.</remarks>
    public Tensor<T> Mul(Tensor<T> other)
    {
        var result = Elementwise.Binary<T, MultiplyKernel<T>>("Mul", this, other);
        if (!NeedsGrad(this, other))
        {
            return result;
        }

        var a = this;
        var shape = result.Shape;
        return result.Record("mul", g =>
        {
            AccumulateProduct(a, other, g, shape);
            AccumulateProduct(other, a, g, shape);
        }, a, other);
    }

    // operand.grad += reduce(g · factor): fused when no broadcasting is involved.
    private static void AccumulateProduct(Tensor<T> operand, Tensor<T> factor, ReadOnlySpan<T> g, Shape shape)
    {
        if (!operand.RequiresGrad)
        {
            return;
        }

        if (operand.Shape == shape && factor.Shape == shape)
        {
            var dst = operand.GradSpan();
            TensorPrimitives.FusedMultiplyAdd(g, factor.Span, dst, dst);
            return;
        }

        var target = BroadcastGrad.Target(operand, shape, out var scratch);
        TensorPrimitives.FusedMultiplyAdd(g, BroadcastGrad.Expand(factor, shape), target, target);
        BroadcastGrad.Finish(operand, scratch, shape);
    }

    /// <summary>Elementwise product: <c>a.Mul(b)</c>.</summary>
    public static Tensor<T> operator *(Tensor<T> a, Tensor<T> b) => a.Mul(b);

    /// <summary>Multiplies every element by a constant.</summary>
    public static Tensor<T> operator *(Tensor<T> a, T b) => a.Mul(Tensor.Scalar(b));

    /// <summary>Multiplies every element by a constant.</summary>
    public static Tensor<T> operator *(T a, Tensor<T> b) => Tensor.Scalar(a).Mul(b);
}
