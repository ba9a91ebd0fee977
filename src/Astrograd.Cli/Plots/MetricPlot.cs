using Astrograd.Runs;

namespace Astrograd.Cli.Plots;

/// <summary><c>metric.png</c>, <c>metric.svg</c>: the main metric (accuracy or rmse) per epoch.</summary>
internal static class MetricPlot
{
    public const string Stem = "metric";

    private const int MarkedEpochs = 60;

    public static IReadOnlyList<string> Write(string folder, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var history = result.Training.History;
        var name = history.Count > 0 ? history[0].MetricName : "metric";

        // The trainer scores the validation rows each epoch, or the training rows when there are none.
        var rows = history.Any(e => e.ValidationLoss is not null) ? "validation" : "training";
        var values = history.Select(e => e.Metric).ToArray();
        var curve = new LineCurve($"{name}, {rows} rows", [.. history.Select(e => (double)e.Epoch)], values)
        {
            Diverged = result.Training.Divergence is not null,
        };
        var target = name == "rmse" ? $" of {result.Model.Card.Target}" : string.Empty;
        var spec = new LinePlotSpec($"{name}{target} per epoch", "epoch", $"{name}{target} ({rows} rows)")
        {
            LogY = LogAxis.Suits(values),
            IntegerX = true,
            Markers = history.Count <= MarkedEpochs,
            Mark = LossPlot.KeptEpoch(result.Training),
        };
        return LinePlot.Write(folder, Stem, spec, [curve]);
    }
}
