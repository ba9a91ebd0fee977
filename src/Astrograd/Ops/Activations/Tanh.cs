using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// The hyperbolic tangent, elementwise: tanh(x) = (eˣ − e^(−x)) / (eˣ + e^(−x)), in [−1, 1]; same shape.
    /// </summary>
    /// <remarks>
    /// tanh′(x) = 1 − tanh²(x), computed from the saved output. tanh(±∞) = ±1; tanh(NaN) = NaN.
    /// Where the incoming gradient is exactly 0 the contribution is exactly 0, even at a NaN input.
    /// </remarks>
    public unsafe Tensor<T> Tanh()
    {
        var result = new Tensor<T>(Shape, new T[Size]);
        var x = this;
        void Forward() => ParallelChunks.Map<T>(x.Span, result.Span, &TanhKernel.Forward<T>);
        Forward();
        if (!NeedsGrad(this))
        {
            return result;
        }

        return result.RecordAssigning("tanh", g =>
        {
            if (x.RequiresGrad)
            {
                ParallelChunks.Map<T>(result.Span, g, x.GradSpan(),
                    x.GradAssigned ? &TanhKernel.BackwardAssign<T> : &TanhKernel.Backward<T>);
            }
        }, Forward, x);
    }
}
