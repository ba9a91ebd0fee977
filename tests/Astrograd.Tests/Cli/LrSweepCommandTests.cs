using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace Astrograd.Tests.Cli;

public sealed class LrSweepCommandTests : IDisposable
{
    private static readonly byte[] _pngMagic = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    private CliResult Sweep(params string[] extra) =>
        CliHarness.Run(CliWorkspace.WithTiny(["lr-sweep", "--data", _work.Htru2(), "--out", _work.PathOf("sweep"),
            .. extra]));

    private void AssertPlots(string stem)
    {
        var folder = _work.PathOf("sweep");
        Assert.Equal(_pngMagic, File.ReadAllBytes(Path.Combine(folder, stem + ".png"))[..4]);
        Assert.Equal("svg", XDocument.Load(Path.Combine(folder, stem + ".svg")).Root!.Name.LocalName);
    }

    [Fact]
    public void A_sweep_shows_a_slow_a_good_and_a_diverged_rate_in_its_json_csv_and_plots()
    {
        var result = Sweep("--lrs", "1e-4,0.03,30", "--json");

        Assert.True(result.ExitCode == 0, result.All);
        using var doc = JsonDocument.Parse(result.Stdout);
        var runs = doc.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal([1e-4, 0.03, 30], runs.Select(r => r.GetProperty("lr").GetDouble()));
        var (slow, good, wild) = (runs[0], runs[1], runs[2]);
        Assert.False(slow.GetProperty("diverged").GetBoolean());
        Assert.False(good.GetProperty("diverged").GetBoolean());
        Assert.True(wild.GetProperty("diverged").GetBoolean());
        var (slowLoss, goodLoss) = (slow.GetProperty("final_loss").GetDouble(), good.GetProperty("final_loss")
            .GetDouble());
        Assert.True(goodLoss < 0.5 * slowLoss, $"good {goodLoss}, slow {slowLoss}");
        Assert.True(slowLoss < slow.GetProperty("initial_loss").GetDouble(), "the slow rate still learns");

        var csv = File.ReadAllLines(Path.Combine(_work.PathOf("sweep"), "sweep.csv"));
        Assert.Equal("lr,epoch,train_loss,val_loss,diverged", csv[0]);
        Assert.Equal(1 + (3 * 5), csv.Length);
        Assert.All(csv.Skip(1), l => Assert.Equal(l.StartsWith("30,", StringComparison.Ordinal) ? "true" : "false",
            l.Split(',')[4]));
        AssertPlots("sweep");
    }

    [Fact]
    public void The_default_sweep_on_the_embedded_pulsars_crawls_converges_and_diverges()
    {
        // No --data and no --lrs: the embedded HTRU2 table and the default decades, 64,64 tanh, SGD.
        var result = CliHarness.Run(["lr-sweep", "--epochs", "2", "--out", _work.PathOf("sweep"), "--json"]);

        Assert.True(result.ExitCode == 0, result.All);
        using var doc = JsonDocument.Parse(result.Stdout);
        var runs = doc.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1, 1, 10], runs.Select(r => r.GetProperty("lr").GetDouble()));
        var losses = runs.Select(r => r.GetProperty("final_loss").GetDouble()).ToArray();
        var best = losses.Min();
        Assert.False(runs[0].GetProperty("diverged").GetBoolean());
        Assert.True(losses[0] > 3 * best, $"λ = 1e-4 should crawl: {losses[0]} against the best {best}");
        Assert.Contains(runs[1..^1], r => !r.GetProperty("diverged").GetBoolean()
            && r.GetProperty("final_loss").GetDouble() == best);
        Assert.True(runs[^1].GetProperty("diverged").GetBoolean(), "λ = 10 should diverge");
        Assert.Equal(1 + (6 * 2), File.ReadAllLines(Path.Combine(_work.PathOf("sweep"), "sweep.csv")).Length);
        AssertPlots("sweep");
    }

    [Fact]
    public void Progress_names_the_epoch_where_a_rate_diverged()
    {
        var result = Sweep("--lrs", "0.03,30");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("λ = 0.03: done after 5 epochs", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"λ = 30: diverged at epoch \d \(5 epochs run\)", result.Stdout);
    }

    [Fact]
    public void A_sweep_prints_a_table_of_rates_with_the_diverged_one_marked()
    {
        var result = Sweep("--lr-range", "1e-3:100:3");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("0.001", result.Console, StringComparison.Ordinal);
        Assert.Contains("0.316", result.Console, StringComparison.Ordinal);
        Assert.Contains("yes: loss >", result.Console, StringComparison.Ordinal);
        Assert.Contains("wrote sweep.png", result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_test_grows_the_rate_over_one_pass_and_suggests_one_inside_the_range()
    {
        var result = Sweep("--range-test", "--min-lr", "1e-5", "--max-lr", "10", "--batch", "16", "--json");

        Assert.True(result.ExitCode == 0, result.All);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        var suggested = root.GetProperty("suggested_lr").GetDouble();
        Assert.InRange(suggested, 1e-6, 1);
        Assert.Equal(root.GetProperty("lr_at_minimum").GetDouble() / 10, suggested, 12);
        var csv = File.ReadAllLines(Path.Combine(_work.PathOf("sweep"), "range.csv"));
        Assert.Equal("step,lr,loss,smoothed_loss", csv[0]);
        Assert.Equal(root.GetProperty("steps").GetInt32(), csv.Length - 1);
        var lrs = csv.Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(1e-5, lrs[0], 12);
        Assert.True(lrs.Zip(lrs.Skip(1)).All(p => p.Second > p.First), "the rate grows every step");
        AssertPlots("range");
    }

    [Theory]
    [InlineData(new[] { "--lrs", "0.1,abc" }, "--lrs:")]
    [InlineData(new[] { "--lrs", "0.1,-1" }, "--lrs:")]
    [InlineData(new[] { "--lr-range", "1:0.1:3" }, "--lr-range:")]
    [InlineData(new[] { "--lrs", "0.1", "--lr-range", "1e-3:1:3" }, "--lrs:")]
    [InlineData(new[] { "--range-test", "--min-lr", "0" }, "--min-lr:")]
    [InlineData(new[] { "--range-test", "--max-lr", "1e-6" }, "--max-lr:")]
    [InlineData(new[] { "--optimizer", "lbfgsx" }, "--optimizer:")]
    [InlineData(new[] { "--range-test", "--optimizer", "lbfgs" }, "--optimizer:")]
    [InlineData(new[] { "--range-test", "--optimizer", "rprop" }, "--optimizer:")]
    [InlineData(new[] { "--optimizer", "rprop", "--lrs", "0.01,100" }, "--lrs: is rprop's first step size")]
    [InlineData(new[] { "--range-test", "--batch", "1000" }, "--batch:")]
    public void Bad_rates_are_refused_naming_the_option(string[] args, string named)
    {
        var result = Sweep(args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_work.PathOf("sweep")));
    }
}
