using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// Softmax along <paramref name="axis"/>: y_j = e^(x_j − m) / Σ_k e^(x_k − m), m = max_k x_k, so every
    /// slice along the axis is a probability vector; same shape. Logits [1000, 1001] give
    /// [0.2689414214, 0.7310585786] in float32 as in float64.
    /// </summary>
    /// <param name="axis">The axis to normalise over; negative counts from the end (default −1, the last: rows
    /// of a [batch, classes] tensor).</param>
    /// <remarks>
    /// Backward: ∂L/∂x_j = y_j (g_j − Σ_k g_k y_k), from the saved output. Entries of −∞ get
    /// probability 0; a
    /// slice that is all −∞, or holds +∞ or NaN, gives NaN.
    /// </remarks>
    public Tensor<T> Softmax(int axis = -1)
    {
        var (_, outer, n, inner) = ActivationAxis.Split(Shape, axis, "Softmax");
        var result = new Tensor<T>(Shape, new T[Size]);
        SoftmaxKernel.Forward<T>(Span, result.Span, outer, n, inner);
        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record("softmax", g =>
        {
            if (x.RequiresGrad)
            {
                SoftmaxKernel.Backward<T>(result.Span, g, x.GradSpan(), outer, n, inner);
            }
        }, x);
    }
}
