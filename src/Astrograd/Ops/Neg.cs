using System.Numerics.Tensors;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>Elementwise negation: out = −this.</summary>
    /// <remarks>∂out/∂this = −1.</remarks>
    public Tensor<T> Neg()
    {
        var result = new Tensor<T>(Shape, new T[Size]);
        TensorPrimitives.Negate(Span, result.Span);
        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record("neg", g =>
        {
            var dst = x.GradSpan();
            TensorPrimitives.Subtract(dst, g, dst);
        }, x);
    }

    /// <summary>Elementwise negation: <c>a.Neg()</c>.</summary>
    public static Tensor<T> operator -(Tensor<T> a) => a.Neg();
}
