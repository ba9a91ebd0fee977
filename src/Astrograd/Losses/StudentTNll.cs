using System.Numerics;

namespace Astrograd.Losses;

/// <summary>
/// The negative log-likelihood of a Student-t distribution with ν degrees of freedom, location μ and squared
/// scale v predicted per target (layout as <see cref="MeanVarianceLoss"/>): the robust counterpart of
/// <see cref="GaussianNll"/>, whose penalty grows only logarithmically for catalogue outliers.
/// </summary>
public static class StudentTNll
{
    /// <summary>
    /// l = ½ log v + (ν + 1)/2 · log(1 + (t − μ)² / (ν v)) per element, v = exp(s) + σ²_known + ε, without the
    /// terms that depend on ν alone; ∂l/∂μ = (ν + 1)(μ − t) / (ν v + (t − μ)²),
    /// ∂l/∂v = (1 − (ν + 1)(t − μ)² / (ν v + (t − μ)²)) / 2v. As ν → ∞ it tends to the Gaussian NLL.
    /// </summary>
    /// <param name="output">[n, 2k]: k locations, then k log squared scales, per row.</param>
    /// <param name="target">[n, k].</param>
    /// <param name="nu">ν, finite and &gt; 0.</param>
    /// <param name="knownVariance">σ² of each measurement, [n, k], added to v; or null.</param>
    /// <param name="reduction">Mean over the counted elements, or sum.</param>
    /// <param name="mask">Optional 0/1 per target element, [n, k].</param>
    public static Tensor<T> Compute<T>(Tensor<T> output, Tensor<T> target, double nu, Tensor<T>? knownVariance = null,
        Reduction reduction = Reduction.Mean, Tensor<T>? mask = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(nu > 0) || !double.IsFinite(nu))
        {
            throw new ArgumentOutOfRangeException(nameof(nu), $"student_t_nll: nu must be finite and > 0, got {nu}.");
        }

        return MeanVarianceLoss.Apply<T, StudentT<T>>("student_t_nll", output, target, knownVariance, reduction,
            mask, T.CreateChecked(nu));
    }

    private readonly struct StudentT<T> : IMeanVarianceLoss<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Value(T r, T v, T nu) =>
            T.CreateChecked(0.5) * (T.Log(v) + ((nu + T.One) * T.LogP1(r * r / (nu * v))));

        public static T DerivativeMean(T r, T v, T nu) => -(nu + T.One) * r / ((nu * v) + (r * r));

        public static T DerivativeVariance(T r, T v, T nu) =>
            (T.One - ((nu + T.One) * r * r / ((nu * v) + (r * r)))) / (T.CreateChecked(2) * v);
    }
}
