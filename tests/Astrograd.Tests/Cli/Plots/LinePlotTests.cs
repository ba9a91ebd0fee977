using Astrograd.Cli.Plots;
using ScottPlot;
using Marker = ScottPlot.Plottables.Marker;
using Scatter = ScottPlot.Plottables.Scatter;

namespace Astrograd.Tests.Cli.Plots;

public sealed class LinePlotTests : IDisposable
{
    private readonly string _folder = CliHarness.TempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly double[] _epochs = [1, 2, 3, 4, 5];

    // A learning-rate sweep in miniature: two curves that settle and one that blows up.
    private static LineCurve[] Sweep() =>
    [
        new("lr 0.01", _epochs, [0.7, 0.5, 0.4, 0.35, 0.33]),
        new("lr 0.1", _epochs, [0.7, 0.2, 0.1, 0.08, 0.07]),
        new("lr 10", _epochs, [0.7, 3.0, 40.0, double.NaN, double.NaN]) { Diverged = true },
    ];

    private static readonly LinePlotSpec _spec = new("Loss by learning rate", "epoch", "loss (BCE, mean)");

    [Fact]
    public void Write_saves_a_png_and_an_svg_that_parse_and_name_every_curve()
    {
        var files = LinePlot.Write(_folder, "sweep", _spec, Sweep());

        Assert.Equal(["sweep.png", "sweep.svg"], files);
        var text = PlotFileAssert.IsPlot(_folder, "sweep");
        Assert.Contains("Loss by learning rate", text);
        Assert.Contains("epoch", text);
        Assert.Contains("loss (BCE, mean)", text);
        Assert.Contains("lr 0.01", text);
        Assert.Contains("lr 10 (diverged)", text);
    }

    [Fact]
    public void A_diverged_curve_is_dashed_and_ends_in_a_cross_at_its_last_finite_point()
    {
        var plot = LinePlot.Build(_spec, Sweep());

        var lines = plot.GetPlottables<Scatter>().Where(l => l.LineWidth > 0).ToList();
        Assert.Equal(["lr 0.01", "lr 0.1", "lr 10 (diverged)"], lines.Select(l => l.LegendText).Order());
        Assert.Equal(LinePattern.Dashed, lines.Single(l => l.LegendText == "lr 10 (diverged)").LinePattern);
        Assert.All(lines.Where(l => l.LegendText != "lr 10 (diverged)"),
            l => Assert.Equal(LinePattern.Solid, l.LinePattern));
        Assert.Equal("lr 10 (diverged)", lines[^1].LegendText);
        var cross = Assert.Single(plot.GetPlottables<Marker>());
        Assert.Equal(MarkerShape.Eks, cross.MarkerShape);
        Assert.Equal((3.0, 40.0), (cross.X, cross.Y));
    }

    [Fact]
    public void A_points_only_curve_draws_its_points_without_a_line_between_them()
    {
        var curve = new LineCurve("loss of each restart", [0, 1, 2], [0.2, 0.01, 0.3]) { PointsOnly = true };

        var plot = LinePlot.Build(new LinePlotSpec("restarts", "restart", "loss"), [curve]);

        var points = Assert.Single(plot.GetPlottables<Scatter>());
        Assert.Equal(0, points.LineWidth);
        Assert.True(points.MarkerSize > 5, $"marker size {points.MarkerSize}");
        Assert.Equal("loss of each restart", points.LegendText);
    }

    [Fact]
    public void A_log_x_axis_draws_log10_of_the_values_and_labels_ticks_with_the_values()
    {
        double[] rates = [1e-4, 1e-3, 1e-2, 1e-1, 1];
        var curve = new LineCurve("final loss", rates, [0.6, 0.4, 0.2, 0.3, 5]);

        var plot = LinePlot.Build(new LinePlotSpec("Final loss", "learning rate", "loss") { LogX = true }, [curve]);

        var line = Assert.Single(plot.GetPlottables<Scatter>());
        Assert.Equal([-4.0, -3, -2, -1, 0], line.Data.GetScatterPoints().Select(p => Math.Round(p.X, 12)));
        Assert.Equal("0.001", LogAxis.Label(-3));
        Assert.Equal("1e-5", LogAxis.Label(-5));
        Assert.Equal("100", LogAxis.Label(2));
    }

    [Fact]
    public void Drawing_the_same_curves_twice_gives_the_same_svg_text_and_png_bytes()
    {
        LinePlot.Write(Path.Combine(_folder, "a"), "sweep", _spec, Sweep());
        LinePlot.Write(Path.Combine(_folder, "b"), "sweep", _spec, Sweep());

        Assert.Equal(File.ReadAllText(Path.Combine(_folder, "a", "sweep.svg")),
            File.ReadAllText(Path.Combine(_folder, "b", "sweep.svg")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_folder, "a", "sweep.png")),
            File.ReadAllBytes(Path.Combine(_folder, "b", "sweep.png")));
    }

    [Fact]
    public void A_curve_without_a_finite_value_is_still_named_in_the_legend()
    {
        LineCurve[] curves = [new("lr 0.1", _epochs, [0.7, 0.2, 0.1, 0.08, 0.07]),
            new("lr 100", _epochs, [.. _epochs.Select(_ => double.NaN)]) { Diverged = true }];

        LinePlot.Write(_folder, "nan", _spec, curves);

        Assert.Contains("lr 100 (diverged): no finite values", PlotFileAssert.IsPlot(_folder, "nan"));
    }

    [Fact]
    public void Curves_of_unequal_lengths_or_no_curves_are_refused_naming_the_curve()
    {
        var uneven = new LineCurve("lr 0.1", _epochs, [0.7, 0.2]);

        var error = Assert.Throws<ArgumentException>(() => LinePlot.Build(_spec, [uneven]));
        Assert.Equal("curves", error.ParamName);
        Assert.StartsWith("LinePlot: curve 'lr 0.1' has 5 x values but 2 y values", error.Message,
            StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => LinePlot.Build(_spec, []));
    }

    [Theory]
    [InlineData(new[] { 0.5, 0.004 }, true)]
    [InlineData(new[] { 0.5, 0.01 }, false)]
    [InlineData(new[] { 0.5, 0.0, 0.001 }, false)]
    [InlineData(new[] { 0.5, double.NaN, 0.001 }, true)]
    public void A_log_axis_suits_positive_values_that_span_two_decades(double[] values, bool suits)
    {
        Assert.Equal(suits, LogAxis.Suits(values));
    }
}
