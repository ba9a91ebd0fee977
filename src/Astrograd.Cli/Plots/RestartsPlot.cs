using System.Globalization;
using Astrograd.Runs;

namespace Astrograd.Cli.Plots;

/// <summary>
/// restarts.png / .svg for a multi-start: each restart's score (the loss it is ranked by) as a point against its
/// index, the kept one marked, so the spread of the minima the starts reached is visible at a glance. The axis
/// spans the scores alone (the training losses are in the table and restarts.csv), so a small spread still shows.
/// </summary>
internal static class RestartsPlot
{
    public const string Stem = "restarts";

    public static IReadOnlyList<string> Write(string folder, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var restarts = result.Restarts;
        if (restarts.Count < 2)
        {
            return [];
        }

        // Diverged restarts have an infinite score; the plot leaves such points out.
        var scored = restarts.Any(r => r.ValidationLossAtBest is not null) ? "validation loss" : "training loss";
        var scores = restarts.Select(r => r.Score).ToArray();
        var curve = new LineCurve($"{scored} of each restart", [.. restarts.Select(r => (double)r.Index)], scores)
        {
            PointsOnly = true,
        };
        var kept = restarts[result.BestRestart];
        var spec = new LinePlotSpec(
            string.Create(CultureInfo.InvariantCulture, $"{restarts.Count} restarts: the kept one is #{kept.Index}"),
            "restart", $"{scored} ({result.Model.Card.Loss})")
        {
            LogY = LogAxis.Suits(scores.Where(double.IsFinite).ToArray()),
            IntegerX = true,
            Mark = (kept.Index, "kept"),
        };
        return LinePlot.Write(folder, Stem, spec, [curve]);
    }
}
