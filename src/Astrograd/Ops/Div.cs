using System.Numerics.Tensors;
using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>Elementwise quotient with broadcasting: out = this / other (IEEE: x/0 is ±∞ or NaN; no error).
    /// </summary>
    /// <remarks>
    /// ∂out/∂this = 1/other, ∂out/∂other = −this/other² = −out/other; each gradient is summed back to its
    /// operand's shape. A zero incoming gradient stays exactly 0 where other = 0 (see Where).
    /// </remarks>
    public Tensor<T> Div(Tensor<T> other)
    {
        var result = Elementwise.Binary<T, DivideKernel<T>>("Div", this, other);
        if (!NeedsGrad(this, other))
        {
            return result;
        }

        var a = this;
        var shape = result.Shape;
        return result.Record("div", g =>
        {
            var denominator = BroadcastGrad.Expand(other, shape);
            var local = new T[g.Length];
            if (a.RequiresGrad)
            {
                TensorPrimitives.Divide(g, denominator, local);
                var dst = BroadcastGrad.Target(a, shape, out var scratch);
                StrongZero.Accumulate(g, local, dst);
                BroadcastGrad.Finish(a, scratch, shape);
            }

            if (other.RequiresGrad)
            {
                // −g·out/other, negated up front so the strong-zero accumulation can add it.
                TensorPrimitives.Multiply(g, result.Span, local);
                TensorPrimitives.Divide(local, denominator, local);
                TensorPrimitives.Negate(local, local);
                var dst = BroadcastGrad.Target(other, shape, out var scratch);
                StrongZero.Accumulate(g, local, dst);
                BroadcastGrad.Finish(other, scratch, shape);
            }
        }, a, other);
    }

    /// <summary>Elementwise quotient: <c>a.Div(b)</c>.</summary>
    public static Tensor<T> operator /(Tensor<T> a, Tensor<T> b) => a.Div(b);

    /// <summary>Divides every element by a constant.</summary>
    public static Tensor<T> operator /(Tensor<T> a, T b) => a.Div(Tensor.Scalar(b));

    /// <summary>Divides a constant by every element.</summary>
    public static Tensor<T> operator /(T a, Tensor<T> b) => Tensor.Scalar(a).Div(b);
}
