using System.Numerics.Tensors;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>Elementwise square root: out = √x (NaN below 0, as IEEE; no error).</summary>
    /// <remarks>
    /// ∂out/∂x = 1 / (2√x) = 0.5 / out: +∞ at x = 0, where √ has a vertical tangent, and NaN below 0. A zero
    /// incoming gradient stays exactly 0 there, so <c>Where(x &gt; 0, x.Sqrt(), 0)</c> has gradient 0 at x = −1.
    /// </remarks>
    public Tensor<T> Sqrt()
    {
        var result = new Tensor<T>(Shape, new T[Size]);
        TensorPrimitives.Sqrt(Span, result.Span);
        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record("sqrt", g =>
        {
            var local = new T[g.Length];
            TensorPrimitives.Divide(g, result.Span, local);
            TensorPrimitives.Multiply(local, T.CreateChecked(0.5), local);
            StrongZero.Accumulate(g, local, x.GradSpan());
        }, x);
    }
}
