using System.Globalization;
using ScottPlot;

namespace Astrograd.Cli.Plots;

/// <summary><c>residuals.png</c>, <c>residuals.svg</c>: a histogram of predicted − true over the held-out rows.
/// </summary>
internal static class ResidualPlot
{
    public const string Stem = "residuals";

    public static IReadOnlyList<string> Write(string folder, ScoredRows rows, string target)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var truth = rows.Set.Targets ?? throw new ArgumentException("ResidualPlot: the rows hold no targets",
            nameof(rows));

        var residuals = Enumerable.Range(0, truth.Length).Select(i => (double)rows.Raw[i] - truth[i])
            .Where(double.IsFinite).ToArray();
        var mean = residuals.Length == 0 ? double.NaN : residuals.Average();
        var std = residuals.Length == 0 ? double.NaN
            : Math.Sqrt(residuals.Sum(r => (r - mean) * (r - mean)) / residuals.Length);

        var title = string.Create(CultureInfo.InvariantCulture,
            $"Residuals, {rows.Describe}: mean {mean:G3}, std {std:G3}");
        var plot = PlotStyle.NewPlot(title, $"residual: predicted - true {target}", "rows");
        if (residuals.Length > 0)
        {
            var (lo, hi) = (residuals.Min(), residuals.Max());
            if (hi - lo < 1e-12 * Math.Max(1, Math.Abs(hi)))
            {
                // Widen in proportion to the value: ±0.5 vanishes in rounding at 1e18, and the histogram then
                // refuses an empty range (a diverging regression can predict one huge constant).
                var pad = Math.Max(0.5, 1e-3 * Math.Abs(hi));
                (lo, hi) = (lo - pad, hi + pad);
            }

            var histogram = ScottPlot.Statistics.Histogram.WithBinCount(Bins(residuals.Length), lo, hi);
            histogram.IncludeOutliers = true;
            histogram.AddRange(residuals);
            var bars = plot.Add.Histogram(histogram, new ScottPlot.Palettes.Category10().GetColor(0));
            bars.BarWidthFraction = 0.95;
        }

        var zero = plot.Add.VerticalLine(0, 2, Colors.Gray, LinePattern.Dashed);
        zero.LegendText = "zero residual";
        plot.ShowLegend(Alignment.UpperRight);
        return PlotFiles.Save(plot, folder, Stem);
    }

    /// <summary>√n bins, at least 10 and at most 60.</summary>
    public static int Bins(int rows) => Math.Clamp((int)Math.Ceiling(Math.Sqrt(rows)), 10, 60);
}
