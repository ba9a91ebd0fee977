using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Astrograd.Cli.Plots;
using Astrograd.Data;
using Astrograd.Runs;

namespace Astrograd.Tests.Cli.Plots;

public sealed class RunPlotsTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    private static string[] PlotFiles(string run) =>
        [.. Directory.GetFiles(run).Select(Path.GetFileName).Where(f => f!.EndsWith(".png", StringComparison.Ordinal)
            || f.EndsWith(".svg", StringComparison.Ordinal)).Order(StringComparer.Ordinal)!];

    private static string[] Pairs(params string[] stems) =>
        [.. stems.SelectMany(s => new[] { $"{s}.png", $"{s}.svg" }).Order(StringComparer.Ordinal)];

    [Fact]
    public void A_binary_run_gets_loss_metric_roc_and_confusion_plots_named_for_their_quantities()
    {
        var run = _work.Train(_work.Htru2(), "run");

        Assert.Equal(Pairs("confusion", "loss", "metric", "roc"), PlotFiles(run));
        var loss = PlotFileAssert.IsPlot(run, "loss");
        Assert.Contains("loss (BCE, mean)", loss);
        Assert.Contains("epoch", loss);
        Assert.Contains("validation", loss);
        Assert.Contains("accuracy (validation rows)", PlotFileAssert.IsPlot(run, "metric"));
        var roc = PlotFileAssert.IsPlot(run, "roc");
        Assert.Contains("false positive rate", roc);
        Assert.Single(roc, t => t.StartsWith("class 1 (AUC 0.", StringComparison.Ordinal));
        var confusion = PlotFileAssert.IsPlot(run, "confusion");
        Assert.Contains("true class", confusion);
        Assert.Contains("predicted class", confusion);
    }

    [Fact]
    public void A_multi_start_run_also_plots_the_spread_of_its_restarts()
    {
        var run = _work.Train(_work.Htru2(), "run", "--restarts", "3");

        Assert.Equal(Pairs("confusion", "loss", "metric", "restarts", "roc"), PlotFiles(run));
        var restarts = PlotFileAssert.IsPlot(run, "restarts");
        Assert.Contains("restart", restarts);
        Assert.Contains(restarts, t => t.StartsWith("3 restarts: the kept one is #", StringComparison.Ordinal));
        Assert.Contains("validation loss of each restart", restarts);
    }

    [Fact]
    public void The_confusion_plot_prints_the_count_of_every_cell_of_the_test_matrix()
    {
        var run = _work.Train(_work.Multiclass(), "run", "--batch", "16", "--lr", "0.1");

        var text = PlotFileAssert.IsPlot(run, "confusion");

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        var counts = metrics.RootElement.GetProperty("confusion_matrix").EnumerateArray()
            .SelectMany(r => r.EnumerateArray().Select(c => c.GetInt32().ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(counts.Order(StringComparer.Ordinal),
            text.Where(t => t.Length > 0 && t.All(char.IsAsciiDigit)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_multiclass_run_draws_one_roc_curve_per_class_one_vs_rest()
    {
        var run = _work.Train(_work.Multiclass(), "run", "--batch", "16", "--lr", "0.1");

        var roc = PlotFileAssert.IsPlot(run, "roc");

        Assert.Contains(roc, t => t.StartsWith("ROC curves, one-vs-rest, test rows (n = ", StringComparison.Ordinal));
        foreach (var c in new[] { "GALAXY", "QSO", "STAR" })
        {
            Assert.Single(roc, t => t.StartsWith($"{c} vs rest (AUC ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_regression_run_gets_loss_metric_predicted_against_true_and_residual_plots()
    {
        var run = _work.Train(_work.Regression(), "run", "--batch", "16", "--lr", "0.05");

        // z is named like a redshift, so the per-bin photo-z plot comes too.
        Assert.Equal(Pairs("loss", "metric", "pred_vs_true", "redshift_bins", "residuals"), PlotFiles(run));
        Assert.Contains("loss (L2, mean)", PlotFileAssert.IsPlot(run, "loss"));
        Assert.Contains("rmse of z (validation rows)", PlotFileAssert.IsPlot(run, "metric"));
        var scatter = PlotFileAssert.IsPlot(run, "pred_vs_true");
        Assert.Contains("true z", scatter);
        Assert.Contains("predicted z", scatter);
        Assert.Contains("residual: predicted - true z", PlotFileAssert.IsPlot(run, "residuals"));
        Assert.Contains("true z (bin centre)", PlotFileAssert.IsPlot(run, "redshift_bins"));
    }

    [Fact]
    public void Without_test_rows_the_held_out_plots_show_the_validation_rows()
    {
        var run = _work.Train(_work.Htru2(), "run", "--test", "0");

        Assert.Contains(PlotFileAssert.IsPlot(run, "roc"),
            t => t.StartsWith("ROC curve, validation rows (n = ", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_held_out_rows_only_the_loss_and_metric_plots_are_written()
    {
        var run = _work.Train(_work.Htru2(), "run", "--test", "0", "--val", "0");

        Assert.Equal(Pairs("loss", "metric"), PlotFiles(run));
        Assert.Contains("accuracy (training rows)", PlotFileAssert.IsPlot(run, "metric"));
    }

    [Fact]
    public void No_plots_writes_no_picture_and_the_summary_lists_none()
    {
        var run = _work.PathOf("run");

        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", _work.Htru2(), "--out", run,
            "--no-plots"]));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(PlotFiles(run));
        Assert.True(File.Exists(Path.Combine(run, "metrics.json")));
        Assert.DoesNotContain("plots:", result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_lists_the_plot_files()
    {
        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", _work.Htru2(), "--out",
            _work.PathOf("run")]));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("plots: loss, metric, roc, confusion (.png and .svg)", result.Console,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_run_twice_gives_the_same_svg_text()
    {
        var data = _work.Htru2();
        var a = _work.Train(data, "a");
        var b = _work.Train(data, "b");

        foreach (var svg in PlotFiles(a).Where(f => f.EndsWith(".svg", StringComparison.Ordinal)))
        {
            Assert.Equal(File.ReadAllText(Path.Combine(a, svg)), File.ReadAllText(Path.Combine(b, svg)));
        }
    }

    [Fact]
    public async Task Dashed_lines_and_markers_leave_stderr_to_the_cli_out_of_process()
    {
        // Out of process, because Skia's SVG backend complains on the process's own stderr, which no test
        // writer captures: a regression that diverges draws markers, dashed lines and a diverged curve.
        var dll = Path.Combine(AppContext.BaseDirectory, "Astrograd.Cli.dll");
        var run = _work.PathOf("run");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "train", "--data", _work.Regression(), "--out", run, "--layers", "8",
            "--epochs", "3", "--lr", "1000", "--json" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await stdoutTask;
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, stderr);
        Assert.Contains("warning: training stopped", stderr, StringComparison.Ordinal);
        Assert.All(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            l => Assert.Matches(@"^(data: |epoch |astrograd train: warning: )", l));
        Assert.Contains("train (diverged)", PlotFileAssert.IsPlot(run, "loss"));
        PlotFileAssert.IsPlot(run, "pred_vs_true");
    }

    [Fact]
    public void A_plotting_library_without_its_native_code_costs_the_plots_but_not_the_run()
    {
        var table = CsvReader.ReadFile(_work.Htru2(200));
        var config = new RunConfig { Layers = [4], Epochs = 2 };
        var run = _work.PathOf("run");
        string? problem = null;

        TrainingRun.Run(table, config, run, writeExtras: (r, folder) => (_, problem) = RunPlots.TryWrite(r, folder,
            (_, _) => throw new TypeInitializationException("SkiaSharp.SKTypeface",
                new DllNotFoundException("libSkiaSharp"))));

        Assert.StartsWith("no plots were written: the plotting library could not load its native code (libSkiaSharp)",
            problem, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "model.json")));
    }

    [Fact]
    public void Other_plotting_errors_abort_the_run_and_leave_no_run_directory()
    {
        var table = CsvReader.ReadFile(_work.Htru2(200));
        var config = new RunConfig { Layers = [4], Epochs = 2 };
        var run = _work.PathOf("run");

        Assert.Throws<IOException>(() => TrainingRun.Run(table, config, run,
            writeExtras: (r, folder) => RunPlots.TryWrite(r, folder, (_, _) => throw new IOException("disk full"))));

        Assert.False(Directory.Exists(run));
        Assert.Empty(Directory.GetDirectories(_work.Root, ".*partial*"));
    }
}
