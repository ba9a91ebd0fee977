using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>Elementwise difference with broadcasting: out = this − other.</summary>
    /// <remarks>∂out/∂this = 1, ∂out/∂other = −1; each gradient is summed back to its operand's
    /// shape.</remarks>
    public Tensor<T> Sub(Tensor<T> other)
    {
        var result = Elementwise.Binary<T, SubtractKernel<T>>("Sub", this, other);
        if (!NeedsGrad(this, other))
        {
            return result;
        }

        var a = this;
        var shape = result.Shape;
        return result.Record("sub", g =>
        {
            if (a.RequiresGrad)
            {
                Elementwise.AccumulateReduced(a, g, shape);
            }

            if (other.RequiresGrad)
            {
                BroadcastGrad.SubtractReduced(other, g, shape);
            }
        }, a, other);
    }

    /// <summary>Elementwise difference: <c>a.Sub(b)</c>.</summary>
    public static Tensor<T> operator -(Tensor<T> a, Tensor<T> b) => a.Sub(b);

    /// <summary>Subtracts a constant from every element.</summary>
    public static Tensor<T> operator -(Tensor<T> a, T b) => a.Sub(Tensor.Scalar(b));

    /// <summary>Subtracts every element from a constant.</summary>
    public static Tensor<T> operator -(T a, Tensor<T> b) => Tensor.Scalar(a).Sub(b);
}
