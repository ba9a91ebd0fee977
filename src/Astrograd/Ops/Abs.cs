using System.Numerics.Tensors;
using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>Elementwise absolute value: out = |x|.</summary>
    /// <remarks>
    /// ∂out/∂x = sign(x), with abs′(0) = 0 by convention (0 is a valid subgradient there, and it matches
    /// relu′(0) = 0); a NaN input also gets gradient 0.
    /// </remarks>
    public Tensor<T> Abs()
    {
        var result = new Tensor<T>(Shape, new T[Size]);
        TensorPrimitives.Abs(Span, result.Span);
        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record("abs", g => MaskKernels.AddSignTimes(x.Span, g, x.GradSpan()), x);
    }
}
