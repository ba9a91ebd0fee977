using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>The rectified linear unit, elementwise: relu(x) = max(x, 0); same shape.</summary>
    /// <remarks>
    /// relu′(x) = 1 for x &gt; 0 and 0 for x ≤ 0: at exactly 0 the derivative is 0 (PyTorch's convention), so a
    /// unit whose pre-activation is 0 receives no gradient. Computed from the saved output. relu(NaN) = NaN
    /// with derivative 0.
    /// </remarks>
    public Tensor<T> Relu()
    {
        var result = new Tensor<T>(Shape, new T[Size]);
        var x = this;
        void Forward() => ReluKernels.Forward<T>(x.Span, result.Span);
        Forward();
        if (!NeedsGrad(this))
        {
            return result;
        }

        return result.Record("relu", g =>
        {
            if (x.RequiresGrad)
            {
                ReluKernels.Backward<T>(result.Span, g, x.GradSpan());
            }
        }, Forward, x);
    }
}
