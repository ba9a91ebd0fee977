using Astrograd.Runs;

namespace Astrograd.Cli.Plots;

/// <summary>
/// <c>redshift_bins.png</c>, <c>redshift_bins.svg</c>: σ_NMAD, outlier fraction and median bias of
/// Δ = (ẑ − z)/(1 + z) against the centre of each true-redshift bin (empty bins left out).
/// </summary>
internal static class RedshiftBinsPlot
{
    public const string Stem = "redshift_bins";

    public static IReadOnlyList<string> Write(string folder, RedshiftBinTable table, string describe)
    {
        ArgumentNullException.ThrowIfNull(table);
        var bins = table.Bins.Where(b => b.Metrics.Count > 0).ToArray();
        var centres = bins.Select(b => (b.Low + b.High) / 2).ToArray();
        var spec = new LinePlotSpec($"Photo-z quality per bin of true {table.Target}, {describe}",
            $"true {table.Target} (bin centre)", "metric of Δ = (predicted - true) / (1 + true)");
        return LinePlot.Write(folder, Stem, spec,
        [
            new LineCurve("σ_NMAD", centres, [.. bins.Select(b => b.Metrics.SigmaNmad)]),
            new LineCurve("outlier fraction (|Δ| > 0.15)", centres, [.. bins.Select(b => b.Metrics.OutlierFraction)]),
            new LineCurve("median bias", centres, [.. bins.Select(b => b.Metrics.MedianBias)]),
        ]);
    }
}
