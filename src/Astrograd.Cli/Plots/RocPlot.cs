using System.Globalization;
using Astrograd.Metrics;
using Astrograd.Training;
using ScottPlot;

namespace Astrograd.Cli.Plots;

/// <summary>
/// <c>roc.png</c>, <c>roc.svg</c>: the ROC curve of a classifier on the held-out rows. Binary: the positive
/// class (the second label) scored by σ(logit). Multiclass: one curve per class, one-vs-rest, scored by that
/// class's softmax probability; a class absent from the rows has no curve.
/// </summary>
internal static class RocPlot
{
    public const string Stem = "roc";
    public const int Size = 600;

    public static IReadOnlyList<string> Write(string folder, ScoredRows rows, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(classes);
        var labels = rows.Set.Labels ?? throw new ArgumentException("RocPlot: the rows hold no class labels",
            nameof(rows));

        var multiclass = rows.Outputs > 1;
        var title = multiclass ? $"ROC curves, one-vs-rest, {rows.Describe}" : $"ROC curve, {rows.Describe}";
        var plot = PlotStyle.NewPlot(title, "false positive rate", "true positive rate");
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LinePattern = LinePattern.Dashed;
        chance.LineColor = Colors.Gray;
        chance.LegendText = "chance (AUC 0.5)";

        var probabilities = Evaluation.Probabilities<float>(rows.Raw, rows.Outputs);
        var palette = new ScottPlot.Palettes.Category10();
        if (!multiclass)
        {
            AddCurve(plot, labels, probabilities, $"class {classes[1]}", palette.GetColor(0));
        }
        else
        {
            for (var k = 0; k < rows.Outputs; k++)
            {
                var isClass = labels.Select(l => l == k ? 1 : 0).ToArray();
                var scores = Enumerable.Range(0, labels.Length).Select(i => probabilities[(i * rows.Outputs) + k])
                    .ToArray();
                AddCurve(plot, isClass, scores, $"{classes[k]} vs rest", palette.GetColor(k));
            }
        }

        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        return PlotFiles.Save(plot, folder, Stem, Size, Size);
    }

    private static void AddCurve(Plot plot, int[] truth, double[] scores, string name, Color color)
    {
        var curve = BinaryMetrics.RocCurve(truth, scores);
        if (curve.Count == 0)
        {
            // Every row in one class: no rate can be computed, so no curve (the legend says so).
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{name}: one class only, no curve" });
            return;
        }

        var auc = BinaryMetrics.RocAuc(truth, scores);
        double[] fpr = [.. curve.Select(p => p.FalsePositiveRate)];
        double[] tpr = [.. curve.Select(p => p.TruePositiveRate)];
        var line = plot.Add.ScatterLine(fpr, tpr, color);
        line.LineWidth = 2;
        line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{name} (AUC {auc:F4})");
    }
}
