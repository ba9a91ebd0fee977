using System.Numerics.Tensors;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>Elementwise natural logarithm: out = ln x (−∞ at 0, NaN below 0, as IEEE; no error).</summary>
    /// <remarks>∂out/∂x = 1/x; a zero incoming gradient stays 0 at x = 0 (see Where).</remarks>
    public Tensor<T> Log()
    {
        var result = new Tensor<T>(Shape, new T[Size]);
        TensorPrimitives.Log(Span, result.Span);
        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record("log", g =>
        {
            var local = new T[g.Length];
            TensorPrimitives.Divide(g, x.Span, local);
            StrongZero.Accumulate(g, local, x.GradSpan());
        }, x);
    }
}
