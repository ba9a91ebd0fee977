using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Astrograd.Cli.Reports;

namespace Astrograd.Tests.Cli.Reports;

/// <summary>report.html: one self-contained, well-formed page with the run's metrics, plots and configuration.
/// </summary>
public sealed partial class RunReportTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    // Reads the page as XML (it is written to be well-formed); throws on any unbalanced tag or bad entity.
    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
        });
        return XDocument.Load(reader);
    }

    private static IEnumerable<XElement> Elements(XDocument page, string name) =>
        page.Descendants().Where(e => e.Name.LocalName == name);

    private static string Report(string run) => File.ReadAllText(Path.Combine(run, RunReport.FileName));

    [Fact]
    public void A_binary_run_report_is_well_formed_self_contained_and_holds_the_metrics_confusion_and_plots()
    {
        var run = _work.Train(_work.Htru2(), "run");

        var html = Report(run);
        var page = Parse(html);

        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.Empty(Elements(page, "script"));
        Assert.Empty(Elements(page, "link"));
        Assert.Equal(4, Elements(page, "svg").Count(e => e.Parent?.Name.LocalName == "figure"));
        var ids = page.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        var table = Elements(page, "table").Single(t => (string?)t.Attribute("id") == "metrics");
        foreach (var metric in metrics.RootElement.GetProperty("metrics").EnumerateObject())
        {
            var row = Elements(new XDocument(table), "tr").Single(r => r.Elements().First().Value == metric.Name);
            var expected = metric.Name == "count"
                ? metric.Value.GetDouble().ToString("F0", CultureInfo.InvariantCulture)
                : metric.Value.GetDouble().ToString("F4", CultureInfo.InvariantCulture);
            Assert.Equal(expected, row.Elements().ElementAt(1).Value);
        }

        var confusion = Elements(page, "table").Single(t => (string?)t.Attribute("id") == "confusion");
        var counts = metrics.RootElement.GetProperty("confusion_matrix").EnumerateArray()
            .SelectMany(r => r.EnumerateArray()).Select(c => c.GetInt32().ToString(CultureInfo.InvariantCulture));
        Assert.Equal(counts, Elements(new XDocument(confusion), "td").Select(td => td.Value));
        Assert.Contains("seed = 42", Elements(page, "pre").Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regression_run_report_holds_its_metrics_loss_curves_and_regression_plots()
    {
        var run = _work.Train(_work.Regression(), "run");

        var html = Report(run);
        var page = Parse(html);

        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.Empty(Elements(page, "script"));
        var figures = Elements(page, "figure").Select(f => (string?)f.Attribute("id")).ToList();
        Assert.Equal(["plot-loss", "plot-metric", "plot-pred_vs_true", "plot-residuals", "plot-redshift_bins"],
            figures);
        Assert.All(Elements(page, "figure"), f => Assert.Single(f.Elements(), e => e.Name.LocalName == "svg"));
        var metrics = Elements(page, "table").Single(t => (string?)t.Attribute("id") == "metrics");
        var names = Elements(new XDocument(metrics), "tr").Skip(1).Select(r => r.Elements().First().Value).ToList();
        Assert.Contains("rmse", names);
        Assert.Contains("sigma_nmad", names);
        Assert.DoesNotContain(Elements(page, "table"), t => (string?)t.Attribute("id") == "confusion");
        Assert.Contains("epochs = 5", Elements(page, "pre").Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void No_plots_still_writes_a_report_with_the_metrics_and_the_loss_per_epoch()
    {
        var run = _work.PathOf("run");
        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", _work.Regression(), "--out", run,
            "--json", "--no-plots"]));
        Assert.True(result.ExitCode == 0, result.Stderr);

        var page = Parse(Report(run));

        Assert.Empty(Elements(page, "svg"));
        Assert.Single(Elements(page, "table"), t => (string?)t.Attribute("id") == "metrics");
        var history = Elements(page, "table").Single(t => (string?)t.Attribute("id") == "history");
        Assert.Equal(6, Elements(new XDocument(history), "tr").Count());
    }

    [Fact]
    public void The_loss_table_shows_the_learning_rate_of_every_epoch_as_history_csv_does()
    {
        var run = _work.PathOf("run");
        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", _work.Regression(), "--out", run,
            "--json", "--no-plots", "--schedule", "step", "--step-size", "2", "--gamma", "0.5"]));
        Assert.True(result.ExitCode == 0, result.Stderr);

        var page = Parse(Report(run));
        var history = Elements(page, "table").Single(t => (string?)t.Attribute("id") == "history");
        var rows = Elements(new XDocument(history), "tr").ToList();

        Assert.Equal("lr", rows[0].Elements().Last().Value);
        var csv = File.ReadAllLines(Path.Combine(run, "history.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture)).ToList();
        var shown = rows.Skip(1).Select(r => double.Parse(r.Elements().Last().Value, CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(csv, shown);
        Assert.Equal(csv[0] / 2, csv[2]);
    }

    [Fact]
    public void Text_from_the_data_is_escaped()
    {
        var csv = _work.Write("odd.csv", "x,w<script>alert(1)</script>,z&'q'\n" + string.Concat(
            Enumerable.Range(0, 60).Select(i => FormattableString.Invariant($"{i * 0.1:F2},{i % 7},{i * 0.2:F2}\n"))));
        var run = _work.Train(csv, "run");

        var html = Report(run);
        var page = Parse(html);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Empty(Elements(page, "script"));
        Assert.Contains("w<script>alert(1)</script>", page.Root!.Value, StringComparison.Ordinal);
        Assert.Contains("target 'z&'q''", page.Root.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Inlined_svg_ids_and_their_references_get_the_plot_prefix()
    {
        const string Svg = """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><clipPath id="clip0"/>""" +
            """<g clip-path="url(#clip0)"><use href="#clip0"/></g></svg>""";

        var inline = Html.InlineSvg(Svg, "plot-loss");

        Assert.StartsWith("<svg", inline, StringComparison.Ordinal);
        Assert.Contains("id=\"plot-loss-clip0\"", inline, StringComparison.Ordinal);
        Assert.Contains("url(#plot-loss-clip0)", inline, StringComparison.Ordinal);
        Assert.Contains("href=\"#plot-loss-clip0\"", inline, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a<b>&\"c'", "a&lt;b&gt;&amp;&quot;c&#39;")]
    [InlineData("λ → z", "λ → z")]
    [InlineData("bell\u0007", "bell\uFFFD")]
    public void Escape_makes_text_safe_in_elements_and_attributes(string text, string expected) =>
        Assert.Equal(expected, Html.Escape(text));

    // A src or href that points at the network; data: URIs and #fragments are fine.
    [GeneratedRegex(@"(src|href)\s*=\s*[""']?\s*(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
