using Astrograd.Kernels;

namespace Astrograd;

/// <summary>
/// How <see cref="Tensor{T}.Gelu"/> evaluates the Gaussian CDF (PyTorch's <c>approximate</c> argument).
/// </summary>
public enum GeluApproximation
{
    /// <summary>Exact: gelu(x) = x · Φ(x) = ½ x (1 + erf(x/√2)).</summary>
    None,

    /// <summary>
    /// The tanh form: gelu(x) ≈ ½ x (1 + tanh(√(2/π) (x + 0.044715 x³))), within about 5e-4 of the exact one.
    /// </summary>
    Tanh,
}

public partial class Tensor<T>
{
    /// <summary>
    /// The Gaussian error linear unit (Hendrycks &amp; Gimpel 2016), elementwise: gelu(x) = x · Φ(x), Φ the
    /// standard normal CDF; same shape.
    /// </summary>
    /// <param name="approximation">Exact through erf (the default), or the tanh approximation.</param>
    /// <remarks>
    /// Exact derivative: Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π). Tanh form, with t = tanh(√(2/π)(x +
    /// 0.044715x³)):
    /// ½(1 + t) + ½x(1 − t²)√(2/π)(1 + 0.134145x²). Both from the saved input, in float64 (Φ comes
    /// from our own
    /// erfc: relative error about 1e-12 at worst, so the left tail keeps its digits). gelu(−∞) = 0,
    /// gelu(+∞) = +∞.
    /// Where the incoming gradient is exactly 0 the contribution is exactly 0, even at a NaN input.
    /// </remarks>
    public Tensor<T> Gelu(GeluApproximation approximation = GeluApproximation.None)
    {
        if (approximation is not (GeluApproximation.None or GeluApproximation.Tanh))
        {
            throw new ArgumentOutOfRangeException(nameof(approximation),
                $"Gelu: unknown approximation {(int)approximation}; use GeluApproximation.None or " +
                "GeluApproximation.Tanh.");
        }

        var exact = approximation == GeluApproximation.None;
        var result = new Tensor<T>(Shape, new T[Size]);
        var x = this;
        void Forward()
        {
            if (exact)
            {
                GeluKernel.Forward<T>(x.Span, result.Span);
            }
            else
            {
                GeluKernel.TanhForward<T>(x.Span, result.Span);
            }
        }

        Forward();
        if (!NeedsGrad(this))
        {
            return result;
        }

        return result.Record(exact ? "gelu" : "gelu_tanh", g =>
        {
            if (!x.RequiresGrad)
            {
                return;
            }

            if (exact)
            {
                GeluKernel.Backward<T>(x.Span, g, x.GradSpan());
            }
            else
            {
                GeluKernel.TanhBackward<T>(x.Span, g, x.GradSpan());
            }
        }, Forward, x);
    }
}
