using Astrograd.Runs;
using Astrograd.Training;

namespace Astrograd.Cli.Plots;

/// <summary>
/// The plots of one <c>astrograd train</c> run: loss and main metric per epoch for every task; ROC curve and
/// confusion matrix for classifiers; predicted against true and a residual histogram for regressions. The last
/// four show the test rows (the validation rows when there are none) and are left out when no rows were held out.
/// </summary>
internal static class RunPlots
{
    /// <summary>Writes the plots into <paramref name="folder"/> and returns their file names, in order.</summary>
    public static IReadOnlyList<string> Write(RunResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);

        var files = new List<string>();
        files.AddRange(LossPlot.Write(folder, result));
        files.AddRange(MetricPlot.Write(folder, result));
        files.AddRange(RestartsPlot.Write(folder, result));
        if (ScoredRows.From(result) is not { } rows)
        {
            return files;
        }

        var card = result.Model.Card;
        if (result.Data.Task == TaskKind.Regression)
        {
            files.AddRange(PredictedVsTruePlot.Write(folder, rows, card.Target));
            files.AddRange(ResidualPlot.Write(folder, rows, card.Target));
            if (result.RedshiftBins is { } bins)
            {
                files.AddRange(RedshiftBinsPlot.Write(folder, bins, rows.Describe));
            }

            return files;
        }

        var classes = card.Classes ?? [.. Enumerable.Range(0, Math.Max(2, rows.Outputs)).Select(i => $"{i}")];
        var (_, confusion) = Scoring.Score(result.Data.Task, rows.Raw, rows.Outputs, rows.Set.Labels,
            rows.Set.Targets, card.Target);
        files.AddRange(RocPlot.Write(folder, rows, classes));
        files.AddRange(ConfusionPlot.Write(folder, rows, confusion!, classes));
        return files;
    }

    /// <summary>
    /// <paramref name="write"/> (default <see cref="Write"/>), except that a plotting library whose native code
    /// cannot load (SkiaSharp on a platform it has no binary for) leaves the run without plots and a sentence
    /// saying why, instead of costing the user the trained model.
    /// </summary>
    public static (IReadOnlyList<string> Files, string? Problem) TryWrite(RunResult result, string folder,
        Func<RunResult, string, IReadOnlyList<string>>? write = null)
    {
        try
        {
            return ((write ?? Write)(result, folder), null);
        }
        catch (Exception e) when (IsNativeLoadFailure(e))
        {
            return ([], $"no plots were written: the plotting library could not load its native code " +
                $"({e.GetBaseException().Message}); the run is complete without them; --no-plots skips them");
        }
    }

    // SkiaSharp's type initialiser wraps the loader's exception, so look through the chain.
    private static bool IsNativeLoadFailure(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                return true;
            }
        }

        return false;
    }
}
