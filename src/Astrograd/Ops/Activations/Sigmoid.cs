using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// The logistic sigmoid, elementwise: σ(x) = 1 / (1 + e^(−x)), in [0, 1]; the result has this tensor's shape.
    /// </summary>
    /// <remarks>
    /// σ′(x) = σ(x)(1 − σ(x)), computed from the saved output. Large |x| saturate to exactly 0 or 1 without
    /// NaN: σ(−1000) = 0, σ(±∞) = 0 or 1; σ(NaN) = NaN.
    /// Where the incoming gradient is exactly 0 the contribution is exactly 0, even at a NaN input.
    /// </remarks>
    public Tensor<T> Sigmoid()
    {
        var result = new Tensor<T>(Shape, new T[Size]);
        var x = this;
        void Forward() => SigmoidKernel.Forward<T>(x.Span, result.Span);
        Forward();
        if (!NeedsGrad(this))
        {
            return result;
        }

        return result.Record("sigmoid", g =>
        {
            if (x.RequiresGrad)
            {
                SigmoidKernel.Backward<T>(result.Span, g, x.GradSpan());
            }
        }, Forward, x);
    }
}
