using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// The leaky rectifier, elementwise: x for x &gt; 0, else <paramref name="negativeSlope"/> · x; same shape.
    /// </summary>
    /// <param name="negativeSlope">The slope for x ≤ 0; finite (PyTorch's default 0.01).</param>
    /// <remarks>
    /// The derivative is 1 for x &gt; 0 and negativeSlope for x ≤ 0 (so negativeSlope at exactly 0), computed
    /// from the saved input.
    /// </remarks>
    public Tensor<T> LeakyRelu(double negativeSlope = 0.01)
    {
        if (!double.IsFinite(negativeSlope))
        {
            throw new ArgumentOutOfRangeException(nameof(negativeSlope),
                FormattableString.Invariant(
                    $"LeakyRelu: the negative slope must be finite, got {negativeSlope}; the usual value is 0.01."));
        }

        var slope = T.CreateChecked(negativeSlope);
        var result = new Tensor<T>(Shape, new T[Size]);
        var x = this;
        void Forward() => ReluKernels.LeakyForward<T>(x.Span, slope, result.Span);
        Forward();
        if (!NeedsGrad(this))
        {
            return result;
        }

        return result.Record("leaky_relu", g =>
        {
            if (x.RequiresGrad)
            {
                ReluKernels.LeakyBackward<T>(x.Span, slope, g, x.GradSpan());
            }
        }, Forward, x);
    }
}
