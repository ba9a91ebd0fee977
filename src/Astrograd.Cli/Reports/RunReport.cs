using System.Text;
using Astrograd.Cli.Rendering;
using Astrograd.IO;
using Astrograd.Runs;

namespace Astrograd.Cli.Reports;

/// <summary>
/// <c>report.html</c> of a run directory: one page that needs nothing else (styles inline, the plots inlined as
/// SVG, no script, no font or file fetched) with the run's summary, its test and validation metrics, the
/// confusion matrix, the loss per epoch, the plots and the configuration. Every piece of text is escaped; the
/// page is well-formed XML, so that a test can read it with an XML parser.
/// </summary>
internal static class RunReport
{
    /// <summary>The file's name in a run directory.</summary>
    public const string FileName = "report.html";

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 960px; color: #1d2330; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
        table { border-collapse: collapse; margin: 0.5em 0; }
        th, td { border: 1px solid #c8ccd4; padding: 0.25em 0.6em; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        th { background: #eef0f4; } .muted { color: #5b6372; }
        figure { margin: 1em 0; } figcaption { color: #5b6372; } svg { max-width: 100%; height: auto; }
        pre { background: #f5f6f8; padding: 0.8em; overflow-x: auto; } .warn { color: #8a4b00; }
        """;

    /// <summary>Writes the report into <paramref name="folder"/> (the run directory while it is being written),
    /// inlining the <c>.svg</c> files among <paramref name="plots"/>.</summary>
    public static void Write(RunResult result, string folder, string source, string? configToml,
        IReadOnlyList<string> plots)
    {
        ArgumentNullException.ThrowIfNull(plots);
        var svgs = plots.Where(p => p.EndsWith(".svg", StringComparison.Ordinal))
            .Select(p => (Path.GetFileNameWithoutExtension(p), File.ReadAllText(Path.Combine(folder, p))))
            .ToList();
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), Page(result, source, configToml, svgs));
    }

    /// <summary>The page's text; <paramref name="plots"/> are (name, SVG text) pairs.</summary>
    public static string Page(RunResult result, string source, string? configToml,
        IReadOnlyList<(string Name, string Svg)> plots)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(plots);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(result.RunDirectory));
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        Add(sb, $"<title>Astrograd run {Html.Escape(name)}</title>\n<style>\n{Style}</style>\n</head>\n<body>\n");
        Add(sb, $"<h1>Astrograd run {Html.Escape(name)}</h1>\n");
        Add(sb, $"<p class=\"muted\">astrograd {Html.Escape(AstrogradInfo.Version)}</p>\n");
        Summary(sb, result, source);
        Metrics(sb, result);
        Confusion(sb, result);
        History(sb, result);
        Plots(sb, plots);
        sb.Append("<h2>Configuration</h2>\n");
        sb.Append(configToml is null
            ? "<p class=\"muted\">not recorded</p>\n"
            : $"<pre id=\"config\">{Html.Escape(configToml)}</pre>\n");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Summary(StringBuilder sb, RunResult result, string source)
    {
        var card = result.Model.Card;
        var a = card.Architecture;
        var data = result.Data;
        var training = result.Training;
        var early = training.StoppedEarly ? ", stopped early" : string.Empty;
        var optimizer = card.Optimizer is { } o
            ? Invariant($"{o.Name}, λ = {NumberText.Format(o.LearningRate)}, schedule {o.Schedule}")
            : "—";
        (string, string)[] rows =
        [
            ("data", source),
            ("task", $"{card.Task} (target '{card.Target}')"),
            ("features", string.Join(", ", card.Features)),
            ("rows", Invariant($"{data.Train.Rows} train / {data.Validation?.Rows ?? 0} validation / ") +
                Invariant($"{data.Test?.Rows ?? 0} test")),
            ("network", string.Join(" → ", new[] { a.Inputs }.Concat(a.Hidden).Append(a.Outputs)) +
                Invariant($", {a.Activation}, {result.Model.Network.ParameterCount()} parameters")),
            ("loss", $"{card.Loss} (reduction: {card.Reduction})"),
            ("optimizer", optimizer),
            ("seed", Invariant($"{card.Seed}")),
            ("epochs", Invariant($"{training.History.Count} run, best {training.BestEpoch}{early}")),
            ("train time", Invariant($"{training.TrainSeconds:F2} s ({training.Steps} steps)")),
        ];
        sb.Append("<h2>Run</h2>\n<table id=\"run\">\n");
        foreach (var (item, value) in rows)
        {
            Add(sb, $"<tr><th>{Html.Escape(item)}</th><td>{Html.Escape(value)}</td></tr>\n");
        }

        sb.Append("</table>\n");
        foreach (var warning in result.Warnings)
        {
            Add(sb, $"<p class=\"warn\">warning: {Html.Escape(warning)}</p>\n");
        }
    }

    private static void Metrics(StringBuilder sb, RunResult result)
    {
        sb.Append("<h2>Metrics</h2>\n");
        var names = result.TestMetrics.Keys.Concat(result.ValidationMetrics.Keys).Distinct().ToList();
        if (names.Count == 0)
        {
            sb.Append("<p class=\"muted\">no rows were held out (--val 0 --test 0)</p>\n");
            return;
        }

        sb.Append("<table id=\"metrics\">\n<tr><th>metric</th><th>test</th><th>validation</th></tr>\n");
        foreach (var metric in names)
        {
            Add(sb, $"<tr><td>{Html.Escape(metric)}</td><td class=\"n\">{Value(result.TestMetrics, metric)}</td>");
            Add(sb, $"<td class=\"n\">{Value(result.ValidationMetrics, metric)}</td></tr>\n");
        }

        sb.Append("</table>\n");
    }

    private static string Value(IReadOnlyDictionary<string, double> metrics, string name) =>
        metrics.TryGetValue(name, out var v) ? Html.Escape(NumberText.Metric(name, v)) : "—";

    private static void Confusion(StringBuilder sb, RunResult result)
    {
        if (result.ConfusionMatrix is not { } confusion || result.Model.Card.Classes is not { } classes)
        {
            return;
        }

        sb.Append("<h2>Test confusion matrix</h2>\n<p class=\"muted\">rows: true class, columns: predicted</p>\n");
        sb.Append("<table id=\"confusion\">\n<tr><th>true \\ predicted</th>");
        foreach (var c in classes)
        {
            Add(sb, $"<th>{Html.Escape(c)}</th>");
        }

        sb.Append("</tr>\n");
        for (var i = 0; i < confusion.Length; i++)
        {
            Add(sb, $"<tr><th>{Html.Escape(i < classes.Count ? classes[i] : Invariant($"{i}"))}</th>");
            foreach (var count in confusion[i])
            {
                sb.Append(Invariant($"<td class=\"n\">{count}</td>"));
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</table>\n");
    }

    // The loss per epoch as numbers, so that a report without plots still shows the curves' values.
    private static void History(StringBuilder sb, RunResult result)
    {
        var history = result.Training.History;
        if (history.Count == 0)
        {
            return;
        }

        var metric = Html.Escape(history[0].MetricName);
        sb.Append("<h2>Loss per epoch</h2>\n<details><summary>");
        sb.Append(Invariant($"{history.Count} epochs (the kept one: {result.Training.BestEpoch})"));
        sb.Append("</summary>\n<table id=\"history\">\n");
        Add(sb, $"<tr><th>epoch</th><th>train loss</th><th>validation loss</th><th>{metric}</th><th>lr</th></tr>\n");
        foreach (var e in history)
        {
            sb.Append(Invariant($"<tr><td class=\"n\">{e.Epoch}</td><td class=\"n\">{NumberText.Format(e.TrainLoss)}"));
            sb.Append(Invariant($"</td><td class=\"n\">{NumberText.Format(e.ValidationLoss)}</td>"));
            sb.Append(Invariant($"<td class=\"n\">{NumberText.Format(e.Metric)}</td>"));
            // history.csv's lr: the rate the epoch trained at (a --schedule moves it); a dash when not known.
            var lr = NumberText.Format(double.IsNaN(e.LearningRate) ? null : e.LearningRate);
            sb.Append(Invariant($"<td class=\"n\">{lr}</td></tr>\n"));
        }

        sb.Append("</table>\n</details>\n");
    }

    private static void Plots(StringBuilder sb, IReadOnlyList<(string Name, string Svg)> plots)
    {
        sb.Append("<h2>Plots</h2>\n");
        if (plots.Count == 0)
        {
            sb.Append("<p class=\"muted\">no plots (--no-plots, or the plotting library could not load)</p>\n");
            return;
        }

        foreach (var (name, svg) in plots)
        {
            var id = Html.Escape(name);
            Add(sb, $"<figure id=\"plot-{id}\">\n{Html.InlineSvg(svg, $"plot-{name}")}\n");
            Add(sb, $"<figcaption>{id}.svg</figcaption>\n</figure>\n");
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static void Add(StringBuilder sb, FormattableString text) => sb.Append(Invariant(text));
}
