namespace Astrograd.Metrics;

/// <summary>
/// Photometric-redshift quality metrics on one set of samples, from the normalised residuals
/// Δᵢ = (z_pred,i − z_true,i) / (1 + z_true,i); produced by <see cref="RedshiftMetrics.Compute"/>.
/// </summary>
/// <param name="Count">Number of samples n; 0 only for an empty bin, where every other value is NaN.</param>
/// <param name="Bias">Mean of Δ: Σ Δᵢ / n.</param>
/// <param name="MedianBias">Median of Δ, which a few catastrophic outliers do not move.</param>
/// <param name="SigmaNmad">σ_NMAD = 1.4826 · median(|Δᵢ − median(Δ)|), a robust scatter (equal to the standard
/// deviation for Gaussian Δ).</param>
/// <param name="OutlierFraction">Fraction of samples with |Δᵢ| &gt; the outlier threshold (0.15 by default).
/// </param>
/// <param name="OutlierCount">Number of samples with |Δᵢ| &gt; the outlier threshold.</param>
public sealed record RedshiftMetricsResult(
    int Count, double Bias, double MedianBias, double SigmaNmad, double OutlierFraction, int OutlierCount)
    : IMetricSet
{
    /// <summary>The result of an empty bin: count 0 and NaN metrics.</summary>
    public static RedshiftMetricsResult Empty { get; } = new(0, double.NaN, double.NaN, double.NaN, double.NaN, 0);

    /// <summary>
    /// <c>bias</c>, <c>bias_median</c>, <c>sigma_nmad</c>, <c>outlier_fraction</c>, <c>count</c>, in that order.
    /// </summary>
    public IReadOnlyDictionary<string, double> ToNamedValues() => NamedValues.Of(
        (MetricNames.Bias, Bias),
        (MetricNames.MedianBias, MedianBias),
        (MetricNames.SigmaNmad, SigmaNmad),
        (MetricNames.OutlierFraction, OutlierFraction),
        (MetricNames.Count, Count));
}
