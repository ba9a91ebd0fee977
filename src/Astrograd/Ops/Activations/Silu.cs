using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// The sigmoid linear unit (swish), elementwise: silu(x) = x · σ(x) = x / (1 + e^(−x)); same shape.
    /// </summary>
    /// <remarks>
    /// silu′(x) = σ(x)(1 + x(1 − σ(x))), from the saved input and σ(x) (kept from the forward pass only when a
    /// gradient is needed). silu(−∞) = 0 with derivative 0; silu(+∞) = +∞ with derivative 1.
    /// Where the incoming gradient is exactly 0 the contribution is exactly 0, even at a NaN input.
    /// </remarks>
    public Tensor<T> Silu()
    {
        var result = new Tensor<T>(Shape, new T[Size]);
        if (!NeedsGrad(this))
        {
            SiluKernel.Forward<T>(Span, result.Span, result.Span);
            return result;
        }

        var sigmoid = new T[Size];
        var x = this;
        void Forward() => SiluKernel.Forward<T>(x.Span, sigmoid, result.Span);
        Forward();
        return result.Record("silu", g =>
        {
            if (x.RequiresGrad)
            {
                SiluKernel.Backward<T>(x.Span, sigmoid, g, x.GradSpan());
            }
        }, Forward, x);
    }
}
