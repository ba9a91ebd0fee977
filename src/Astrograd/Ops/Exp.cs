using System.Numerics.Tensors;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>Elementwise natural exponential: out = eˣ.</summary>
    /// <remarks>
    /// ∂out/∂x = eˣ = out (the saved output is reused); a zero incoming gradient stays 0 where eˣ overflowed.
    /// </remarks>
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
            var local = new T[g.Length];
            TensorPrimitives.Multiply(g, result.Span, local);
            StrongZero.Accumulate(g, local, x.GradSpan());
        }, x);
    }
}
