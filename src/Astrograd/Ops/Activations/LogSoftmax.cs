using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// Log-softmax along <paramref name="axis"/>: y_j = x_j − m − log Σ_k e^(x_k − m), m = max_k x_k; same
    /// shape. Finite wherever x is, even where the softmax underflows to 0: logits [1000, 1001] give
    /// [−1.3132616875, −0.3132616875], so −y_0 is the cross-entropy of class 0.
    /// </summary>
    /// <param name="axis">The axis to normalise over; negative counts from the end (default −1).</param>
    /// <remarks>
    /// Backward: ∂L/∂x_j = g_j − e^(y_j) Σ_k g_k, from the saved output. Slices that are all −∞, or
    /// hold +∞ or
    /// NaN, give NaN.
    /// </remarks>
    public Tensor<T> LogSoftmax(int axis = -1)
    {
        var (_, outer, n, inner) = ActivationAxis.Split(Shape, axis, "LogSoftmax");
        var result = new Tensor<T>(Shape, new T[Size]);
        SoftmaxKernel.LogForward<T>(Span, result.Span, outer, n, inner);
        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record("log_softmax", g =>
        {
            if (x.RequiresGrad)
            {
                SoftmaxKernel.LogBackward<T>(result.Span, g, x.GradSpan(), outer, n, inner);
            }
        }, x);
    }
}
