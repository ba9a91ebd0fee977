using System.Numerics.Tensors;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>Elementwise natural exponential: out = eˣ.</summary>
    /// <remarks>∂out/∂x = eˣ = out (the saved output is reused).</remarks>
    public Tensor<T> Exp()
    {
        var result = new Tensor<T>(Shape, new T[Size]);
        TensorPrimitives.Exp(Span, result.Span);
        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record("exp", g =>
        {
            var dst = x.GradSpan();
            TensorPrimitives.FusedMultiplyAdd(g, result.Span, dst, dst);
        }, x);
    }
}
