using System.Globalization;
using Astrograd.Runs;

namespace Astrograd.Cli.Plots;

/// <summary>The plots of <c>astrograd lr-sweep</c>: loss against epoch per λ, and the range test's loss against λ.
/// </summary>
internal static class SweepPlots
{
    /// <summary>sweep.png and sweep.svg: one curve per λ (validation loss, else training loss), log y, diverged
    /// runs dashed and marked.</summary>
    public static IReadOnlyList<string> WriteSweep(string folder, IReadOnlyList<SweepRun> runs, string lossName)
    {
        var anyValidation = runs.Any(r => r.Training.History.Any(e => e.ValidationLoss is not null));
        var curves = SweepCurves(runs);
        var spec = new LinePlotSpec("learning-rate sweep", "epoch",
            $"{(anyValidation ? "validation" : "training")} loss ({lossName})")
        {
            LogY = true,
            IntegerX = true,
        };
        return LinePlot.Write(folder, "sweep", spec, curves);
    }

    /// <summary>One curve per λ: the judged loss at every epoch, from epoch 0, the untrained network that every
    /// λ starts from, so that the curves fan out from one point as in the lecture's picture.</summary>
    public static IReadOnlyList<LineCurve> SweepCurves(IReadOnlyList<SweepRun> runs) => [.. runs.Select(r =>
        new LineCurve("λ = " + r.LearningRate.ToString("G3", CultureInfo.InvariantCulture),
            [0, .. r.Training.History.Select(e => (double)e.Epoch)],
            [r.InitialLoss, .. r.Training.History.Select(SweepRun.LossOf)])
        {
            Diverged = r.Diverged,
        })];

    /// <summary>range.png and range.svg: batch loss and smoothed loss against λ (log x), the suggestion marked.
    /// </summary>
    public static IReadOnlyList<string> WriteRange(string folder, RangeTestResult range, string lossName)
    {
        var lrs = range.Points.Select(p => p.LearningRate).ToArray();
        var curves = new List<LineCurve>
        {
            new("batch loss", lrs, [.. range.Points.Select(p => p.Loss)]),
            new("smoothed", lrs, range.Smoothed) { Diverged = range.Divergence is not null },
        };
        var suggested = range.SuggestedLearningRate.ToString("G3", CultureInfo.InvariantCulture);
        var spec = new LinePlotSpec("learning-rate range test", "learning rate", $"loss ({lossName})")
        {
            LogX = true,
            Markers = false,
            Mark = double.IsFinite(range.SuggestedLearningRate) ? (range.SuggestedLearningRate,
                $"suggested λ = {suggested}") : null,
        };
        return LinePlot.Write(folder, "range", spec, curves);
    }
}
