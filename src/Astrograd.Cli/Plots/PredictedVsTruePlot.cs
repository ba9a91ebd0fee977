using System.Globalization;
using ScottPlot;

namespace Astrograd.Cli.Plots;

/// <summary><c>pred_vs_true.png</c>, <c>pred_vs_true.svg</c>: a regression's prediction against the true value
/// of every held-out row, with the line predicted = true.</summary>
internal static class PredictedVsTruePlot
{
    public const string Stem = "pred_vs_true";
    public const int Size = 600;

    /// <summary>More points than this are thinned to every k-th row (said in the title), so that the SVG stays a
    /// few megabytes at most.</summary>
    public const int MaxPoints = 5000;

    public static IReadOnlyList<string> Write(string folder, ScoredRows rows, string target)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var truth = rows.Set.Targets ?? throw new ArgumentException("PredictedVsTruePlot: the rows hold no targets",
            nameof(rows));

        var n = truth.Length;
        var stride = (n + MaxPoints - 1) / MaxPoints;
        var shown = Enumerable.Range(0, n).Where(i => i % stride == 0).ToArray();
        var xs = shown.Select(i => (double)truth[i]).ToArray();
        var ys = shown.Select(i => (double)rows.Raw[i]).ToArray();
        var thinned = stride > 1
            ? string.Create(CultureInfo.InvariantCulture, $", every {stride}th shown")
            : string.Empty;

        var plot = PlotStyle.NewPlot($"Predicted against true {target}, {rows.Describe}{thinned}",
            $"true {target}", $"predicted {target}");
        var finite = xs.Concat(ys).Where(double.IsFinite).ToArray();
        var (lo, hi) = finite.Length == 0 ? (0.0, 1.0) : (finite.Min(), finite.Max());
        var pad = hi > lo ? 0.03 * (hi - lo) : 0.5;
        var points = plot.Add.ScatterPoints(xs, ys, new ScottPlot.Palettes.Category10().GetColor(0).WithAlpha(0.5));
        points.MarkerSize = 4;
        points.LegendText = string.Create(CultureInfo.InvariantCulture, $"rows (rmse {Rmse(truth, rows.Raw):G4})");

        // The dashed line after the markers: see LinePlot for why the order matters.
        var diagonal = plot.Add.Line(lo - pad, lo - pad, hi + pad, hi + pad);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LineColor = Colors.Gray;
        diagonal.LegendText = "predicted = true";

        plot.Axes.SetLimits(lo - pad, hi + pad, lo - pad, hi + pad);
        plot.ShowLegend(Alignment.UpperLeft);
        return PlotFiles.Save(plot, folder, Stem, Size, Size);
    }

    private static double Rmse(float[] truth, float[] predicted)
    {
        double sum = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            var d = (double)predicted[i] - truth[i];
            sum += d * d;
        }

        return Math.Sqrt(sum / truth.Length);
    }
}
