using System.Globalization;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace Astrograd.Cli.Plots;

/// <summary>
/// <c>confusion.png</c>, <c>confusion.svg</c>: the confusion matrix of the held-out rows as a heatmap with the
/// count in every cell, rows the true class (top to bottom in label order), columns the predicted class.
/// </summary>
internal static class ConfusionPlot
{
    public const string Stem = "confusion";

    public static IReadOnlyList<string> Write(string folder, ScoredRows rows, int[][] confusion,
        IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(confusion);
        ArgumentNullException.ThrowIfNull(classes);
        var k = classes.Count;
        if (confusion.Length != k || confusion.Any(r => r.Length != k))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"ConfusionPlot: the matrix is not {k} × {k} for {k} classes"), nameof(confusion));
        }

        var counts = new double[k, k];
        var max = 1;
        for (var t = 0; t < k; t++)
        {
            for (var p = 0; p < k; p++)
            {
                counts[t, p] = confusion[t][p];
                max = Math.Max(max, confusion[t][p]);
            }
        }

        var plot = PlotStyle.NewPlot($"Confusion matrix, {rows.Describe}", "predicted class", "true class");
        var heatmap = plot.Add.Heatmap(counts);
        heatmap.Colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues());
        heatmap.ManualRange = new ScottPlot.Range(0, max);

        // Cells as rectangles, so that the SVG stays vector instead of embedding a bitmap.
        heatmap.RenderStrategy = new Heatmap.RenderStrategies.Rectangles();

        // The heatmap draws row 0 at the top: true class t sits at y = k - 1 - t.
        for (var t = 0; t < k; t++)
        {
            for (var p = 0; p < k; p++)
            {
                var text = plot.Add.Text(confusion[t][p].ToString(CultureInfo.InvariantCulture), p, k - 1 - t);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelStyle.FontSize = PlotStyle.LabelSize;
                text.LabelStyle.Bold = true;
                text.LabelStyle.ForeColor = confusion[t][p] > max / 2 ? Colors.White : Colors.Black;
            }
        }

        var positions = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new NumericManual(positions, [.. classes]);
        plot.Axes.Left.TickGenerator = new NumericManual([.. positions.Reverse()], [.. classes]);
        plot.Axes.Bottom.TickLabelStyle.FontSize = PlotStyle.TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = PlotStyle.TickSize;
        plot.HideGrid();
        plot.Axes.Margins(0, 0);

        // No colour bar: every cell prints its count, the colour only guides the eye.
        return PlotFiles.Save(plot, folder, Stem, 640, 600);
    }
}
