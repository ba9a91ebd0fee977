using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Astrograd.Tests.Cli;

public sealed class TrainCommandTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    // The cells of one table row, "│ accuracy │ 0.9750 │" → ["accuracy", "0.9750"]; other lines give none.
    private static string[] Cells(string line) =>
        line.Contains('│', StringComparison.Ordinal)
            ? [.. line.Split('│')[1..^1].Select(c => c.Trim())]
            : [];

    // The first table row whose first cell is `first`, or no cells.
    private static string[] RowStartingWith(string console, string first) =>
        console.Split('\n').Select(Cells).FirstOrDefault(c => c.Length > 0 && c[0] == first) ?? [];

    private static Dictionary<string, double> Named(JsonElement metrics) =>
        metrics.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());

    private CliResult TrainJson(string data, params string[] extra) =>
        CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", data, "--out", _work.PathOf("run"), "--json",
            .. extra]));

    [Fact]
    public void Json_prints_exactly_one_object_with_the_summary_and_sends_progress_to_stderr()
    {
        var result = TrainJson(_work.Htru2());

        Assert.Equal(0, result.ExitCode);
        Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal("binary", root.GetProperty("task").GetString());
        var metrics = root.GetProperty("metrics");
        foreach (var name in new[] { "accuracy", "f1", "roc_auc" })
        {
            var value = metrics.GetProperty(name).GetDouble();
            Assert.InRange(value, 0, 1);
        }

        Assert.Equal(5, root.GetProperty("epochs").GetInt32());
        Assert.True(root.GetProperty("train_seconds").GetDouble() >= 0);
        Assert.Equal(_work.PathOf("run"), root.GetProperty("run_dir").GetString());

        var epochLines = result.Stderr.Split('\n').Where(l => l.StartsWith("epoch ", StringComparison.Ordinal));
        Assert.Equal(5, epochLines.Count());
        Assert.Contains("data: ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Console);
    }

    [Fact]
    public void A_run_directory_holds_the_model_weights_metrics_history_and_split()
    {
        var result = TrainJson(_work.Htru2());

        Assert.Equal(0, result.ExitCode);
        var run = _work.PathOf("run");
        foreach (var file in new[] { "model.json", "weights.safetensors", "metrics.json", "history.csv", "split.json" })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        }

        var history = File.ReadAllLines(Path.Combine(run, "history.csv"));
        Assert.Equal("epoch,train_loss,val_loss,accuracy,lr", history[0]);
        Assert.All(history.Skip(1), l => Assert.EndsWith(",0.03", l, StringComparison.Ordinal));
        Assert.Equal(6, history.Length);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        using var printed = JsonDocument.Parse(result.Stdout);
        Assert.Equal(Named(printed.RootElement.GetProperty("metrics")),
            Named(metrics.RootElement.GetProperty("metrics")));
        Assert.Empty(Directory.GetDirectories(_work.Root, "*partial*"));
    }

    [Fact]
    public void The_summary_shows_the_run_table_the_test_metrics_and_the_confusion_matrix()
    {
        var result = CliHarness.Run(["train", "--data", _work.Htru2(), "--out", _work.PathOf("run"),
            .. CliWorkspace.Tiny]);

        Assert.Equal(0, result.ExitCode);
        var console = result.Console;
        Assert.All(console.Split('\n'), l => Assert.True(l.TrimEnd('\r').Length <= CliHarness.Width, l));
        Assert.Equal(["task", "binary (target 'class')"], RowStartingWith(console, "task"));
        Assert.Equal(["network", "8 → 8 → 1, tanh, 81 parameters"], RowStartingWith(console, "network"));
        Assert.Equal(["loss", "bce (reduction: mean)"], RowStartingWith(console, "loss"));
        var rows = RowStartingWith(console, "rows");
        Assert.Matches(@"^\d+ train / \d+ validation / \d+ test$", rows[1]);
        Assert.Contains("test metrics", console, StringComparison.Ordinal);
        foreach (var metric in new[] { "accuracy", "precision", "recall", "f1", "roc_auc" })
        {
            Assert.Matches(@"^[01]\.\d{4}$", RowStartingWith(console, metric)[1]);
        }

        var count = int.Parse(RowStartingWith(console, "count")[1], CultureInfo.InvariantCulture);
        Assert.Contains("test confusion matrix", console, StringComparison.Ordinal);
        Assert.Equal(["true \\ predicted", "0", "1"], RowStartingWith(console, "true \\ predicted"));
        var confusion = new[] { RowStartingWith(console, "0"), RowStartingWith(console, "1") };
        Assert.Equal(count, confusion.Sum(r => int.Parse(r[1], CultureInfo.InvariantCulture) +
            int.Parse(r[2], CultureInfo.InvariantCulture)));
        Assert.Contains($"run directory: {_work.PathOf("run")}", console.Replace("\n", "", StringComparison.Ordinal),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Without_json_redirected_progress_is_one_plain_line_per_epoch()
    {
        var result = CliHarness.Run(["train", "--data", _work.Htru2(), "--out", _work.PathOf("run"),
            .. CliWorkspace.Tiny]);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^data: .*htru2\.csv: \d+ train, \d+ validation, \d+ test rows; 8 features; task binary, " +
            @"target 'class'\r?$", lines[0]);
        Assert.Equal(5, lines.Count(l => Regex.IsMatch(
            l, @"^epoch [1-5]/5  train \d+\.\d{4}  val \d+\.\d{4}  accuracy \d\.\d{4}( \*)?\r?$")));
        Assert.DoesNotContain('\u001b', result.All);
    }

    [Fact]
    public void A_regression_on_a_target_named_z_reports_the_redshift_metrics()
    {
        var result = TrainJson(_work.Regression(), "--batch", "16", "--lr", "0.05");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal("regression", root.GetProperty("task").GetString());
        Assert.Equal("z", root.GetProperty("target").GetString());
        var metrics = root.GetProperty("metrics");
        foreach (var name in new[] { "rmse", "mae", "r2", "bias", "sigma_nmad", "outlier_fraction" })
        {
            Assert.True(double.IsFinite(metrics.GetProperty(name).GetDouble()), name);
        }

        Assert.InRange(metrics.GetProperty("outlier_fraction").GetDouble(), 0, 1);
        Assert.False(root.TryGetProperty("confusion_matrix", out _));
    }

    [Fact]
    public void A_regression_summary_table_lists_the_redshift_metrics()
    {
        var result = CliHarness.Run(["train", "--data", _work.Regression(), "--out", _work.PathOf("run"),
            .. CliWorkspace.Tiny]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["task", "regression (target 'z')"], RowStartingWith(result.Console, "task"));
        foreach (var metric in new[] { "rmse", "bias", "sigma_nmad", "outlier_fraction" })
        {
            Assert.NotEmpty(RowStartingWith(result.Console, metric));
        }

        Assert.DoesNotContain("confusion matrix", result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public void A_three_class_table_trains_a_multiclass_model_with_a_three_by_three_confusion_matrix()
    {
        var result = TrainJson(_work.Multiclass(), "--batch", "16", "--lr", "0.1");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal("multiclass", root.GetProperty("task").GetString());
        Assert.Equal("ce", root.GetProperty("loss").GetString());
        Assert.Equal(["GALAXY", "QSO", "STAR"],
            root.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        var confusion = root.GetProperty("confusion_matrix").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(c => c.GetInt32()).ToArray()).ToArray();
        Assert.Equal(3, confusion.Length);
        Assert.All(confusion, r => Assert.Equal(3, r.Length));
        Assert.Equal(root.GetProperty("split").GetProperty("test").GetInt32(), confusion.Sum(r => r.Sum()));

        // Well separated blobs: far better than the one-in-three of guessing.
        Assert.True(root.GetProperty("metrics").GetProperty("accuracy").GetDouble() > 0.8, result.Stdout);
    }

    [Fact]
    public void The_multiclass_summary_names_every_class_in_the_confusion_matrix()
    {
        var result = CliHarness.Run(["train", "--data", _work.Multiclass(), "--out", _work.PathOf("run"),
            .. CliWorkspace.Tiny]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["true \\ predicted", "GALAXY", "QSO", "STAR"],
            RowStartingWith(result.Console, "true \\ predicted"));
        foreach (var c in new[] { "GALAXY", "QSO", "STAR" })
        {
            Assert.Equal(4, RowStartingWith(result.Console, c).Length);
        }
    }

    [Fact]
    public void With_drop_missing_rows_with_NaN_or_Inf_are_dropped_with_a_warning()
    {
        var lines = File.ReadAllLines(_work.Htru2(200));
        lines[3] = "nan" + lines[3][lines[3].IndexOf(',', StringComparison.Ordinal)..];
        lines[7] = string.Join(',', lines[7].Split(',').Select((c, i) => i == 4 ? "inf" : c));
        var data = _work.Write("holes.csv", string.Join('\n', lines) + "\n");

        var result = TrainJson(data, "--drop-missing");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("astrograd train: warning: dropped 2 rows with missing feature values (--on-missing drop)",
            result.Stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(result.Stdout);
        var split = doc.RootElement.GetProperty("split");
        Assert.Equal(198, split.EnumerateObject().Sum(p => p.Value.GetInt32()));
    }

    [Fact]
    public void A_constant_feature_trains_with_a_warning_and_finite_metrics()
    {
        var lines = File.ReadAllLines(_work.Htru2(200));
        var withFlat = lines.Select((l, i) =>
        {
            var cut = l.LastIndexOf(',');
            return l[..cut] + (i == 0 ? ",flat" : ",7") + l[cut..];
        });
        var data = _work.Write("flat.csv", string.Join('\n', withFlat) + "\n");

        var result = TrainJson(data);

        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(result.Stderr.Split('\n'), l => l.Contains("warning", StringComparison.Ordinal));
        Assert.StartsWith("astrograd train: warning: feature 'flat' is constant (7)", warning,
            StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.All(doc.RootElement.GetProperty("metrics").EnumerateObject(),
            m => Assert.Equal(JsonValueKind.Number, m.Value.ValueKind));
    }

    [Fact]
    public void A_diverging_run_that_keeps_finite_weights_warns_about_the_learning_rate()
    {
        var result = TrainJson(_work.Regression(), "--lr", "1000", "--epochs", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: training stopped at epoch ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--lr (now 1000)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smoke_train_with_output_redirected_to_a_file_writes_plain_lines_without_escape_codes()
    {
        // Out of process: the real console, which sees redirected output and must not draw a progress bar.
        var data = _work.Htru2(200);
        var dll = Path.Combine(AppContext.BaseDirectory, "Astrograd.Cli.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "train", "--data", data, "--out", _work.PathOf("run"), "--layers", "8",
            "--epochs", "3" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await stderrTask;
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, stderr);
        Assert.DoesNotContain('\u001b', stdout + stderr);
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(lines, l => l.StartsWith("data: ", StringComparison.Ordinal) && l.EndsWith("target 'class'",
            StringComparison.Ordinal));
        Assert.Equal(3, lines.Count(l => l.StartsWith("epoch ", StringComparison.Ordinal) && l.Contains("accuracy",
            StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("test metrics", StringComparison.Ordinal));
    }

    [Fact]
    public void Restarts_are_reported_in_json_stderr_and_restarts_csv()
    {
        var result = TrainJson(_work.Htru2(), "--restarts", "3");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var restarts = doc.RootElement.GetProperty("restarts");
        Assert.Equal(3, restarts.GetArrayLength());
        var best = doc.RootElement.GetProperty("best").GetInt32();
        Assert.InRange(best, 0, 2);
        Assert.Equal(restarts[best].GetProperty("index").GetInt32(), doc.RootElement.GetProperty("restart").GetInt32());
        Assert.Equal(3, result.Stderr.Split('\n').Count(l => l.StartsWith("restart ", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.Combine(_work.PathOf("run"), "restarts.csv")));
    }

    [Fact]
    public void Restart_with_restarts_is_refused_naming_the_option()
    {
        var result = TrainJson(_work.Htru2(), "--restarts", "3", "--restart", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--restart", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_work.PathOf("run")));
    }
}
