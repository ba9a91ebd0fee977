using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// The log-sum-exp reduction along <paramref name="axis"/>: r = m + log Σ_j e^(x_j − m), m = max_j x_j,
    /// which never overflows ([1000, 1001] gives 1001.3132616875). The axis is removed, or kept with size 1.
    /// </summary>
    /// <param name="axis">The axis to reduce; negative counts from the end (default −1).</param>
    /// <param name="keepDims">Keep the reduced axis with size 1, so the result broadcasts against the input.</param>
    /// <remarks>
    /// Backward: ∂L/∂x_j = g · e^(x_j − r), the softmax of the slice, from the saved input and result. A slice
    /// whose maximum is ±∞ gives that infinity; an empty axis gives −∞; NaN gives NaN.
    /// Where the incoming gradient is exactly 0 the contribution is exactly 0, even at a NaN input.
    /// </remarks>
    public Tensor<T> LogSumExp(int axis = -1, bool keepDims = false)
    {
        var (a, outer, n, inner) = ActivationAxis.Split(Shape, axis, "LogSumExp");
        var dims = Shape.ToArray();
        Shape outShape;
        if (keepDims)
        {
            dims[a] = 1;
            outShape = new Shape(dims);
        }
        else
        {
            outShape = new Shape([.. dims[..a], .. dims[(a + 1)..]]);
        }

        var result = new Tensor<T>(outShape, new T[outer * inner]);
        LogSumExpKernel.Forward<T>(Span, result.Span, outer, n, inner);
        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record("logsumexp", g =>
        {
            if (x.RequiresGrad)
            {
                LogSumExpKernel.Backward<T>(x.Span, result.Span, g, x.GradSpan(), outer, n, inner);
            }
        }, x);
    }
}
