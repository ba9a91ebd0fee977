using System.Globalization;
using Astrograd.Runs;
using Spectre.Console;

namespace Astrograd.Cli.Rendering;

/// <summary>The tables shown after <c>astrograd train</c>: the run, the test metrics, the confusion matrix.</summary>
internal static class TrainSummary
{
    /// <summary>Renders the summary; <paramref name="plots"/> are the plot files written (null: plots were off).
    /// </summary>
    public static void Render(IAnsiConsole console, RunResult result, string source,
        IReadOnlyList<string>? plots = null)
    {
        var card = result.Model.Card;
        var a = card.Architecture;
        var layers = string.Join(" → ", new[] { a.Inputs }.Concat(a.Hidden).Append(a.Outputs));
        var run = new Table().Title("run").AddColumn("item").AddColumn("value");
        run.AddRow("data", Markup.Escape(source));
        var targets = string.Join("', '", card.TargetNames());
        run.AddRow("task", $"{card.Task} (target{(card.Targets is null ? "" : "s")} '{Markup.Escape(targets)}')");
        var data = result.Data;
        var (validation, test) = (data.Validation?.Rows ?? 0, data.Test?.Rows ?? 0);
        run.AddRow("rows", Invariant($"{data.Train.Rows} train / {validation} validation / {test} test"));
        run.AddRow("network",
            Invariant($"{layers}, {a.Activation}, {result.Model.Network.ParameterCount()} parameters"));
        run.AddRow("loss", $"{card.Loss} (reduction: {card.Reduction})");
        var training = result.Training;
        var early = training.StoppedEarly ? ", stopped early" : string.Empty;
        run.AddRow("epochs", Invariant($"{training.History.Count} run, best {training.BestEpoch}{early}"));
        run.AddRow("train time", Invariant($"{training.TrainSeconds:F2} s ({training.Steps} steps)"));
        console.Write(run);
        if (result.Restarts.Count > 1)
        {
            RenderRestarts(console, result);
        }

        if (result.TestMetrics.Count > 0)
        {
            var metrics = new Table().Title("test metrics").AddColumn("metric")
                .AddColumn(new TableColumn("value").RightAligned());
            foreach (var (name, value) in result.TestMetrics)
            {
                metrics.AddRow(name, NumberText.Metric(name, value));
            }

            console.Write(metrics);
        }

        if (result.RedshiftBins is { } bins)
        {
            var part = data.Test is null ? "validation" : "test";
            console.Write(RedshiftBinsView.Render(bins, $"{part} redshift metrics per bin of true {bins.Target}"));
        }

        if (result.ConfusionMatrix is { } confusion && card.Classes is { } classes)
        {
            var table = new Table().Title("test confusion matrix (rows: true, columns: predicted)")
                .AddColumn("true \\ predicted");
            foreach (var c in classes)
            {
                table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
            }

            for (var i = 0; i < confusion.Length; i++)
            {
                table.AddRow([Markup.Escape(classes[i]),
                    .. confusion[i].Select(v => v.ToString(CultureInfo.InvariantCulture))]);
            }

            console.Write(table);
        }

        console.WriteLine($"run directory: {result.RunDirectory}", Style.Plain);
        if (plots is { Count: > 0 })
        {
            console.WriteLine($"plots: {PlotList(plots)}", Style.Plain);
        }
    }

    /// <summary>"loss, metric, roc, confusion (.png and .svg)" for files that come in pairs, else every name.
    /// </summary>
    public static string PlotList(IReadOnlyList<string> files)
    {
        var stems = files.Select(Path.GetFileNameWithoutExtension).Distinct().ToList();
        var paired = stems.All(s => files.Contains($"{s}.png") && files.Contains($"{s}.svg"))
            && files.Count == 2 * stems.Count;
        return paired ? $"{string.Join(", ", stems)} (.png and .svg)" : string.Join(", ", files);
    }

    private static void RenderRestarts(IAnsiConsole console, RunResult result)
    {
        // Both losses are those of each restart's best epoch, the one whose weights it kept. Minimal borders and
        // short headers keep a 20-digit seed and the seven columns inside an 80-column terminal.
        var table = new Table().Border(TableBorder.Minimal)
            .Title("restarts: losses at each one's best epoch; kept: the lowest validation loss (or training loss)")
            .AddColumn("restart").AddColumn(new TableColumn("seed").RightAligned())
            .AddColumn(new TableColumn("epochs").RightAligned()).AddColumn(new TableColumn("best").RightAligned())
            .AddColumn(new TableColumn("train").RightAligned()).AddColumn(new TableColumn("val").RightAligned())
            .AddColumn("kept");
        for (var i = 0; i < result.Restarts.Count; i++)
        {
            var r = result.Restarts[i];
            var validation = r.ValidationLossAtBest is { } v ? Invariant($"{v:F5}") : "-";
            var train = double.IsFinite(r.TrainLossAtBest) ? Invariant($"{r.TrainLossAtBest:F5}") : "-";
            var note = i == result.BestRestart ? "yes" : r.Diverged ? "diverged" : string.Empty;
            table.AddRow(Invariant($"{r.Index}"), Invariant($"{r.Seed}"), Invariant($"{r.Epochs}"),
                Invariant($"{r.BestEpoch}"), train, validation, note);
        }

        console.Write(table);
        var spread = result.Restarts.Select(r => r.Score).Where(double.IsFinite).ToArray();
        if (spread.Length > 1)
        {
            console.WriteLine(Invariant(
                $"restart scores: best {spread.Min():F5}, median {Median(spread):F5}, worst {spread.Max():F5}"),
                Style.Plain);
        }
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
