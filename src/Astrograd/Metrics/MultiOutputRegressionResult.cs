using System.Globalization;

namespace Astrograd.Metrics;

/// <summary>
/// Metrics of a regression with several outputs: each output on its own, and their unweighted means
/// (scikit-learn's <c>multioutput="uniform_average"</c>); produced by <see cref="RegressionMetrics.ComputePerOutput"/>.
/// </summary>
/// <param name="PerOutput">One result per output column, in column order.</param>
/// <param name="Rmse">Mean of the per-output RMSEs.</param>
/// <param name="Mae">Mean of the per-output MAEs.</param>
/// <param name="R2">Mean of the per-output R²; NaN when any output's R² is NaN (a constant target column).
/// </param>
public sealed record MultiOutputRegressionResult(
    IReadOnlyList<RegressionMetricsResult> PerOutput, double Rmse, double Mae, double R2) : IMetricSet
{
    /// <summary>
    /// <c>rmse</c>, <c>mae</c>, <c>r2</c> (the means), then <c>rmse_j</c>, <c>mae_j</c>, <c>r2_j</c> for each
    /// output j = 0, 1, …, then <c>count</c>.
    /// </summary>
    public IReadOnlyDictionary<string, double> ToNamedValues()
    {
        var entries = new List<(string, double)>
        {
            (MetricNames.Rmse, Rmse),
            (MetricNames.Mae, Mae),
            (MetricNames.R2, R2),
        };
        for (var j = 0; j < PerOutput.Count; j++)
        {
            var suffix = "_" + j.ToString(CultureInfo.InvariantCulture);
            entries.Add((MetricNames.Rmse + suffix, PerOutput[j].Rmse));
            entries.Add((MetricNames.Mae + suffix, PerOutput[j].Mae));
            entries.Add((MetricNames.R2 + suffix, PerOutput[j].R2));
        }

        entries.Add((MetricNames.Count, PerOutput.Count == 0 ? 0 : PerOutput[0].Count));
        return NamedValues.Of([.. entries]);
    }
}
