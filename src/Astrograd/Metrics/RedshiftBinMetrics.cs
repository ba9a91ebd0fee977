namespace Astrograd.Metrics;

/// <summary>The redshift metrics of the samples in one bin [<paramref name="Low"/>, <paramref name="High"/>).
/// </summary>
/// <param name="Low">Lower bin edge (inclusive).</param>
/// <param name="High">Upper bin edge: exclusive, except for the last bin, which includes it.</param>
/// <param name="Metrics">The metrics of the samples in the bin; <see cref="RedshiftMetricsResult.Empty"/> when
/// the bin holds none.</param>
public sealed record RedshiftBinMetrics(double Low, double High, RedshiftMetricsResult Metrics) : IMetricSet
{
    /// <summary><c>z_low</c>, <c>z_high</c>, then the entries of <see cref="RedshiftMetricsResult.ToNamedValues"/>.
    /// </summary>
    public IReadOnlyDictionary<string, double> ToNamedValues()
    {
        var entries = new List<(string, double)> { ("z_low", Low), ("z_high", High) };
        foreach (var (name, value) in Metrics.ToNamedValues())
        {
            entries.Add((name, value));
        }

        return NamedValues.Of([.. entries]);
    }
}
