using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// The exponential linear unit (Clevert et al. 2016), elementwise: x for x &gt; 0, else α(eˣ − 1); same shape.
    /// </summary>
    /// <param name="alpha">The scale α of the negative side, finite (default 1); elu tends to −α as
    /// x → −∞.</param>
    /// <remarks>
    /// The derivative is 1 for x &gt; 0 and αeˣ = elu(x) + α for x ≤ 0 (α at exactly 0), read from the saved
    /// output. eˣ − 1 is computed as expm1 in float64, so tiny negative x keep their digits.
    /// Where the incoming gradient is exactly 0 the contribution is exactly 0, even at a NaN input.
    /// </remarks>
    public Tensor<T> Elu(double alpha = 1)
    {
        if (!double.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha),
                FormattableString.Invariant($"Elu: alpha must be finite, got {alpha}; the usual value is 1."));
        }

        var a = T.CreateChecked(alpha);
        var result = new Tensor<T>(Shape, new T[Size]);
        var x = this;
        void Forward() => EluKernel.Forward<T>(x.Span, a, result.Span);
        Forward();
        if (!NeedsGrad(this))
        {
            return result;
        }

        return result.Record("elu", g =>
        {
            if (x.RequiresGrad)
            {
                EluKernel.Backward<T>(x.Span, result.Span, a, g, x.GradSpan());
            }
        }, Forward, x);
    }
}
