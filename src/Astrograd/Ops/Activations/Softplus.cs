using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// The softplus, elementwise, with PyTorch's semantics: x where βx &gt; threshold, else log(1 + e^(βx)) / β;
    /// same shape. A smooth relu; softplus(0) = log(2)/β.
    /// </summary>
    /// <param name="beta">β &gt; 0 and finite (default 1): larger β is closer to relu.</param>
    /// <param name="threshold">
    /// Above βx = threshold the function is taken as linear (default 20, where log(1 + e^(βx)) − βx
    /// is about 2e-9);
    /// +∞ never switches.
    /// </param>
    /// <remarks>
    /// The derivative is σ(βx) for βx ≤ threshold and 1 above it; the test is on βx (Softplus(β = 3,
    /// threshold = 1) at x = 0.2736 has βx = 0.8208 and gradient σ(0.8208) = 0.6944061, not 1). Below the threshold
    /// the value is computed as (max(βx, 0) + log1p(e^(−|βx|))) / β in float64, so it never overflows:
    /// softplus(200) = 200 even with threshold +∞.
    /// Where the incoming gradient is exactly 0 the contribution is exactly 0, even at a NaN input.
    /// </remarks>
    public Tensor<T> Softplus(double beta = 1, double threshold = 20)
    {
        if (!(beta > 0) || !double.IsFinite(beta))
        {
            throw new ArgumentOutOfRangeException(nameof(beta),
                FormattableString.Invariant($"Softplus: beta must be finite and > 0, got {beta}."));
        }

        if (double.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold),
                "Softplus: threshold is NaN; pass a number (default 20), or +infinity to never switch to linear.");
        }

        var result = new Tensor<T>(Shape, new T[Size]);
        var x = this;
        void Forward() => SoftplusKernel.Forward<T>(x.Span, beta, threshold, result.Span);
        Forward();
        if (!NeedsGrad(this))
        {
            return result;
        }

        return result.Record("softplus", g =>
        {
            if (x.RequiresGrad)
            {
                SoftplusKernel.Backward<T>(x.Span, beta, threshold, g, x.GradSpan());
            }
        }, Forward, x);
    }
}
