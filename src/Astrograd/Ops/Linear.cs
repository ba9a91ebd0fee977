using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// The affine map of a dense layer, fused into one op: out = x · Wᵀ + b, with x [n, in],
    /// W [out, in] (PyTorch's and ONNX Gemm transB = 1 layout) and b [out] (optional).
    /// </summary>
    /// <remarks>∂L/∂x = G · W, ∂L/∂W = Gᵀ · x, ∂L/∂b = Σ_rows G; one matrix product each, no
    /// temporaries. ∂L/∂x is written rather than added when x's gradient has no other writer
    /// (<see cref="GradAssigned"/>).</remarks>
    public Tensor<T> Linear(Tensor<T> weight, Tensor<T>? bias = null)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (Rank != 2 || weight.Rank != 2 || Shape[1] != weight.Shape[1])
        {
            throw new ArgumentException(
                $"Linear: input {Shape} does not fit weight {weight.Shape}; expected input [n, in] and weight " +
                    $"[out, in].");
        }

        int n = Shape[0], inputs = Shape[1], outputs = weight.Shape[0];
        if (bias is not null && (bias.Rank != 1 || bias.Size != outputs))
        {
            throw new ArgumentException($"Linear: bias {bias.Shape} does not fit weight {weight.Shape}; expected " +
                $"[{outputs}].");
        }

        var result = new Tensor<T>(new Shape(n, outputs), new T[n * outputs]);
        var x = this;
        void Forward() => AffineKernel.Forward(x.Span, weight.Span, bias is null ? default : bias.Span, n, inputs,
            outputs, result.Span);

        Forward();
        if (!(bias is null ? NeedsGrad(x, weight) : NeedsGrad(x, weight, bias)))
        {
            return result;
        }

        BackwardRule<T> rule = g =>
        {
            if (x.RequiresGrad)
            {
                GemmDispatch.Multiply(false, false, n, inputs, outputs, g, weight.Span, x.GradSpan(),
                    accumulate: !x.GradAssigned);
            }

            if (weight.RequiresGrad)
            {
                GemmDispatch.Multiply(true, false, outputs, inputs, n, g, x.Span, weight.GradSpan(), accumulate: true);
            }

            if (bias is not null && bias.RequiresGrad)
            {
                Reductions.AddColumnSums(g, n, outputs, bias.GradSpan());
            }
        };
        return bias is null
            ? result.RecordAssigning("linear", rule, Forward, x, weight)
            : result.RecordAssigning("linear", rule, Forward, x, weight, bias);
    }
}
