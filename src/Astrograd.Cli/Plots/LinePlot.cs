using ScottPlot;
using ScottPlot.TickGenerators;

namespace Astrograd.Cli.Plots;

/// <summary>One named curve of a <see cref="LinePlot"/>: y against x, point by point.</summary>
/// <param name="Name">The legend entry.</param>
/// <param name="X">The x values.</param>
/// <param name="Y">The y values, one per x; NaN and ±∞ are left out of the line (a diverged loss).</param>
internal sealed record LineCurve(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>A curve whose run diverged: drawn dashed, with an × at its last finite point, and "(diverged)"
    /// after its name in the legend.</summary>
    public bool Diverged { get; init; }

    /// <summary>Draw the points alone, larger, without a line between them: for values of separate runs (the
    /// restarts of a multi-start), where a line would suggest a trend from one to the next.</summary>
    public bool PointsOnly { get; init; }
}

/// <summary>What a <see cref="LinePlot"/> shows around its curves.</summary>
/// <param name="Title">The title above the plot.</param>
/// <param name="XLabel">The x axis label, naming the quantity (e.g. "epoch", "learning rate").</param>
/// <param name="YLabel">The y axis label, naming the quantity (e.g. "loss (BCE, mean)").</param>
internal sealed record LinePlotSpec(string Title, string XLabel, string YLabel)
{
    /// <summary>Draw x on a log10 axis; points with x ≤ 0 are left out.</summary>
    public bool LogX { get; init; }

    /// <summary>Draw y on a log10 axis; points with y ≤ 0 are left out.</summary>
    public bool LogY { get; init; }

    /// <summary>Ticks at whole numbers of x only (epochs).</summary>
    public bool IntegerX { get; init; }

    /// <summary>Show a point marker at every point (off for long curves).</summary>
    public bool Markers { get; init; } = true;

    /// <summary>An x value to mark with a labelled vertical line (the best epoch), or null.</summary>
    public (double X, string Label)? Mark { get; init; }
}

/// <summary>
/// Several named curves of y against x in one plot, saved as PNG and SVG: the loss and metric plots of a run,
/// and the curves of a learning-rate sweep.
/// </summary>
internal static class LinePlot
{
    /// <summary>Builds the plot and saves it as <c>folder/stem.png</c> and <c>folder/stem.svg</c>; returns the
    /// two file names.</summary>
    /// <exception cref="ArgumentException">No curves, a curve without a name, or x and y of different lengths.
    /// </exception>
    public static IReadOnlyList<string> Write(string folder, string stem, LinePlotSpec spec,
        IReadOnlyList<LineCurve> curves)
    {
        var plot = Build(spec, curves);
        return PlotFiles.Save(plot, folder, stem);
    }

    /// <summary>The plot, not yet saved.</summary>
    /// <exception cref="ArgumentException">No curves, a curve without a name, or x and y of different lengths.
    /// </exception>
    public static Plot Build(LinePlotSpec spec, IReadOnlyList<LineCurve> curves)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Count == 0)
        {
            throw new ArgumentException("LinePlot: no curves; give at least one", nameof(curves));
        }

        foreach (var c in curves)
        {
            if (string.IsNullOrWhiteSpace(c.Name))
            {
                throw new ArgumentException("LinePlot: a curve has no name; name every curve", nameof(curves));
            }

            if (c.X.Count != c.Y.Count)
            {
                throw new ArgumentException(
                    $"LinePlot: curve '{c.Name}' has {c.X.Count} x values but {c.Y.Count} y values", nameof(curves));
            }
        }

        var plot = PlotStyle.NewPlot(spec.Title, spec.XLabel, spec.YLabel);
        var palette = new ScottPlot.Palettes.Category10();
        var drawn = curves.Select((c, i) => (Curve: c, Color: palette.GetColor(i), Points: Drawable(c, spec)))
            .ToList();

        // Skia's SVG backend cannot draw a dash effect, and ScottPlot leaves it on the paint it shares: every
        // marker filled after a dashed line logs "Unsupported path effect" on stderr (the picture is right). So
        // the solid curves and all markers go first, the dashed lines last.
        foreach (var (curve, color, (xs, ys)) in drawn)
        {
            if (xs.Length == 0)
            {
                // Still listed, so the legend says the curve exists but has nothing to draw.
                plot.Legend.ManualItems.Add(new LegendItem
                {
                    LabelText = $"{LegendName(curve)}: no finite values",
                    LineColor = color,
                    LineWidth = 2,
                });
                continue;
            }

            var scatter = plot.Add.Scatter(xs, ys, color);
            scatter.LineWidth = curve.Diverged || curve.PointsOnly ? 0 : 2;
            scatter.MarkerSize = curve.PointsOnly ? 9 : spec.Markers ? 5 : 0;
            if (!curve.Diverged)
            {
                scatter.LegendText = curve.Name;
                continue;
            }

            var end = plot.Add.Marker(xs[^1], ys[^1], MarkerShape.Eks, 14, color);
            end.MarkerLineWidth = 3;
        }

        foreach (var (curve, color, (xs, ys)) in drawn.Where(d => d.Curve.Diverged && d.Points.X.Length > 0))
        {
            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LineWidth = 2;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = LegendName(curve);
        }

        if (spec.Mark is var (x, label) && Coordinate(x, spec.LogX) is var mx && double.IsFinite(mx))
        {
            var line = plot.Add.VerticalLine(mx, 1, Colors.Gray, LinePattern.Dotted);
            line.LegendText = label;
        }

        if (spec.LogX)
        {
            LogAxis.Apply(plot.Axes.Bottom);
        }
        else if (spec.IntegerX && plot.Axes.Bottom.TickGenerator is NumericAutomatic ticks)
        {
            ticks.IntegerTicksOnly = true;
        }

        if (spec.LogY)
        {
            LogAxis.Apply(plot.Axes.Left);
        }

        // Beside the data, not on it: a curve may pass through any corner.
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static string LegendName(LineCurve curve) => curve.Diverged ? $"{curve.Name} (diverged)" : curve.Name;

    // The points that can be drawn: a NaN in the data would break the line (and ScottPlot's axis limits), and a
    // log axis has no place for values ≤ 0.
    private static (double[] X, double[] Y) Drawable(LineCurve curve, LinePlotSpec spec)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < curve.X.Count; i++)
        {
            var (x, y) = (Coordinate(curve.X[i], spec.LogX), Coordinate(curve.Y[i], spec.LogY));
            if (double.IsFinite(x) && double.IsFinite(y))
            {
                xs.Add(x);
                ys.Add(y);
            }
        }

        return ([.. xs], [.. ys]);
    }

    private static double Coordinate(double value, bool log) => log ? LogAxis.ToAxis(value) : value;
}
