using System.Numerics;

namespace Astrograd.Losses;

/// <summary>
/// The heteroscedastic Gaussian negative log-likelihood: the network predicts a mean μ and a log-variance s
/// for each target (see <see cref="MeanVarianceLoss"/> for the layout, the clamp and the floor).
/// </summary>
public static class GaussianNll
{
    /// <summary>
    /// l = ½ (log v + (t − μ)² / v) per element, v = exp(s) + σ²_known + ε, without the constant ½ log 2π;
    /// ∂l/∂μ = (μ − t) / v, ∂l/∂s = ½ eˢ (v − (t − μ)²) / v².
    /// </summary>
    /// <param name="output">[n, 2k]: k means, then k log-variances, per row.</param>
    /// <param name="target">[n, k].</param>
    /// <param name="knownVariance">σ² of each measurement, [n, k], added to the predicted variance; or null.
    /// </param>
    /// <param name="reduction">Mean over the counted elements, or sum.</param>
    /// <param name="mask">Optional 0/1 per target element, [n, k].</param>
    public static Tensor<T> Compute<T>(Tensor<T> output, Tensor<T> target, Tensor<T>? knownVariance = null,
        Reduction reduction = Reduction.Mean, Tensor<T>? mask = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MeanVarianceLoss.Apply<T, Gaussian<T>>("gaussian_nll", output, target, knownVariance, reduction, mask,
            T.Zero);

    private readonly struct Gaussian<T> : IMeanVarianceLoss<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Value(T r, T v, T parameter) => T.CreateChecked(0.5) * (T.Log(v) + (r * r / v));

        public static T DerivativeMean(T r, T v, T parameter) => -r / v;

        public static T DerivativeVariance(T r, T v, T parameter) => T.CreateChecked(0.5) * (v - (r * r)) / (v * v);
    }
}
