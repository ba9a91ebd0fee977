using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>Elementwise sum with broadcasting: out = this + other.</summary>
    /// <remarks>∂out/∂this = ∂out/∂other = 1; each gradient is summed back to its operand's shape.</remarks>
    public Tensor<T> Add(Tensor<T> other)
    {
        var result = Elementwise.Binary<T, AddKernel<T>>("Add", this, other);
        if (!NeedsGrad(this, other))
        {
            return result;
        }

        var a = this;
        var shape = result.Shape;
        return result.Record("add", g =>
        {
            if (a.RequiresGrad)
            {
                Elementwise.AccumulateReduced(a, g, shape);
            }

            if (other.RequiresGrad)
            {
                Elementwise.AccumulateReduced(other, g, shape);
            }
        }, a, other);
    }

    /// <summary>Elementwise sum: <c>a.Add(b)</c>.</summary>
    public static Tensor<T> operator +(Tensor<T> a, Tensor<T> b) => a.Add(b);

    /// <summary>Adds a constant to every element.</summary>
    public static Tensor<T> operator +(Tensor<T> a, T b) => a.Add(Tensor.Scalar(b));

    /// <summary>Adds a constant to every element.</summary>
    public static Tensor<T> operator +(T a, Tensor<T> b) => Tensor.Scalar(a).Add(b);
}
