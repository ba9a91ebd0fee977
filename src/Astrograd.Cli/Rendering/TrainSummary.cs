using System.Globalization;
using Astrograd.Runs;
using Spectre.Console;

namespace Astrograd.Cli.Rendering;

/// <summary>The tables shown after <c>astrograd train</c>: the run, the test metrics, the confusion matrix.</summary>
internal static class TrainSummary
{
    public static void Render(IAnsiConsole console, RunResult result, string source)
    {
        var card = result.Model.Card;
        var a = card.Architecture;
        var layers = string.Join(" → ", new[] { a.Inputs }.Concat(a.Hidden).Append(a.Outputs));
        var run = new Table().Title("run").AddColumn("item").AddColumn("value");
        run.AddRow("data", Markup.Escape(source));
        run.AddRow("task", $"{card.Task} (target '{Markup.Escape(card.Target)}')");
        run.AddRow("rows", Invariant($"{result.Data.Train.Rows} train / {result.Data.Validation?.Rows ?? 0} validation / {result.Data.Test?.Rows ?? 0} test"));
        run.AddRow("network", Invariant($"{layers}, {a.Activation}, {result.Model.Network.ParameterCount()} parameters"));
        run.AddRow("loss", $"{card.Loss} (reduction: {card.Reduction})");
        run.AddRow("epochs", Invariant($"{result.Training.History.Count} run, best {result.Training.BestEpoch}{(result.Training.StoppedEarly ? ", stopped early" : string.Empty)}"));
        run.AddRow("train time", Invariant($"{result.Training.TrainSeconds:F2} s ({result.Training.Steps} steps)"));
        console.Write(run);

        if (result.TestMetrics.Count > 0)
        {
            var metrics = new Table().Title("test metrics").AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
            foreach (var (name, value) in result.TestMetrics)
            {
                metrics.AddRow(name, Format(name, value));
            }

            console.Write(metrics);
        }

        if (result.ConfusionMatrix is { } confusion && card.Classes is { } classes)
        {
            var table = new Table().Title("test confusion matrix (rows: true, columns: predicted)").AddColumn("true \\ predicted");
            foreach (var c in classes)
            {
                table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
            }

            for (var i = 0; i < confusion.Length; i++)
            {
                table.AddRow([Markup.Escape(classes[i]), .. confusion[i].Select(v => v.ToString(CultureInfo.InvariantCulture))]);
            }

            console.Write(table);
        }

        console.WriteLine($"run directory: {result.RunDirectory}", Style.Plain);
    }

    private static string Format(string name, double value) =>
        name == "count" ? value.ToString("F0", CultureInfo.InvariantCulture)
        : double.IsNaN(value) ? "n/a"
        : value.ToString("F4", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
