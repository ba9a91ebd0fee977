namespace Astrograd.Metrics;

/// <summary>
/// Metrics of one regression output; produced by <see cref="RegressionMetrics.Compute"/> and, per output, by
/// <see cref="RegressionMetrics.ComputePerOutput"/>.
/// </summary>
/// <param name="Count">Number of samples n.</param>
/// <param name="Rmse">√(Σ (ŷᵢ − yᵢ)² / n).</param>
/// <param name="Mae">Σ |ŷᵢ − yᵢ| / n.</param>
/// <param name="R2">1 − SS_res / SS_tot with SS_res = Σ (yᵢ − ŷᵢ)², SS_tot = Σ (yᵢ − ȳ)²; at most
/// 1, negative
/// when worse than predicting the mean; NaN when SS_tot = 0 (see <paramref name="R2Note"/>).</param>
/// <param name="R2Note">Why <paramref name="R2"/> is NaN; null when it is defined.</param>
public sealed record RegressionMetricsResult(int Count, double Rmse, double Mae, double R2, string? R2Note)
    : IMetricSet
{
    /// <summary><c>rmse</c>, <c>mae</c>, <c>r2</c>, <c>count</c>, in that order.</summary>
    public IReadOnlyDictionary<string, double> ToNamedValues() => NamedValues.Of(
        (MetricNames.Rmse, Rmse),
        (MetricNames.Mae, Mae),
        (MetricNames.R2, R2),
        (MetricNames.Count, Count));
}
