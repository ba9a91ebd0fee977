using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Astrograd.Tests.Cli;

/// <summary>chi2, gaussian-nll, student-t, several targets, Monte Carlo dropout and the redshift bins, end to end
/// through the command line.</summary>
public sealed class ErrorAwareRegressionTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    // The photo-z-like table of CliWorkspace.Regression with a column zerr = 0.05 (1 + z / 5).
    private string WithSigma()
    {
        var lines = File.ReadAllLines(_work.Regression());
        var sb = new StringBuilder(lines[0]).Append(",zerr\n");
        foreach (var line in lines.Skip(1))
        {
            var z = double.Parse(line.Split(',')[2], CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"{line},{0.05 * (1 + (z / 5)):F5}\n");
        }

        return _work.Write("sigma.csv", sb.ToString());
    }

    private static JsonElement Card(string run) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "model.json"))).RootElement;

    private static JsonElement Metrics(string run) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json"))).RootElement.GetProperty("metrics");

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Gaussian_nll_predicts_a_positive_sigma_for_every_row()
    {
        var data = _work.Regression();
        var run = _work.Train(data, "run", "--target", "z", "--loss", "gaussian-nll");

        var result = CliHarness.Run("predict", "--model", run, "--data", data);

        Assert.Equal(0, result.ExitCode);
        var lines = Lines(result.Stdout);
        Assert.Equal("z,z_sigma", lines[0]);
        Assert.Equal(200, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.True(double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture) > 0));
        Assert.Equal(2, Card(run).GetProperty("architecture").GetProperty("outputs").GetInt32());
        Assert.True(Metrics(run).TryGetProperty("coverage_1sigma", out _));
    }

    [Fact]
    public void Chi2_reads_sigma_and_keeps_the_sigma_column_out_of_the_features()
    {
        var data = WithSigma();
        var run = _work.Train(data, "run", "--target", "z", "--loss", "chi2", "--sigma", "zerr");

        var card = Card(run);
        Assert.Equal("chi2", card.GetProperty("loss").GetString());
        Assert.Equal("zerr", card.GetProperty("sigma").GetString());
        Assert.Equal(["x", "w"], card.GetProperty("features").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Student_t_stores_nu_and_adds_a_known_sigma()
    {
        var data = WithSigma();
        var run = _work.Train(data, "run", "--target", "z", "--loss", "student-t", "--nu", "5", "--sigma", "zerr");

        Assert.Equal(5, Card(run).GetProperty("nu").GetDouble());
        Assert.Equal("z,z_sigma", Lines(CliHarness.Run("predict", "--model", run, "--data", data).Stdout)[0]);
    }

    [Fact]
    public void Several_targets_are_standardised_scored_and_predicted_one_column_each()
    {
        var data = _work.Regression();
        var run = _work.Train(data, "run", "--target", "z,w", "--features", "x");

        var card = Card(run);
        Assert.Equal(["z", "w"], card.GetProperty("targets").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, card.GetProperty("target_standardization").GetProperty("std").GetArrayLength());
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json"))).RootElement;
        Assert.Equal(2, summary.GetProperty("targets").GetArrayLength());
        var metrics = Metrics(run);
        Assert.True(metrics.TryGetProperty("rmse_z", out _));
        Assert.True(metrics.TryGetProperty("rmse_w", out _));
        Assert.True(metrics.GetProperty("r2_z").GetDouble() > 0.5);
        var predicted = Lines(CliHarness.Run("predict", "--model", run, "--data", data).Stdout);
        Assert.Equal("z,w", predicted[0]);

        // Predictions come back in the targets' units: z = 2x + 1 lies in [1, 5).
        var z = predicted.Skip(1).Select(l => double.Parse(l.Split(',')[0], CultureInfo.InvariantCulture));
        Assert.InRange(z.Average(), 2, 4);
        var evaluated = CliHarness.Run("evaluate", "--model", run, "--data", data, "--json");
        Assert.Contains("\"rmse_w\"", evaluated.Stdout);
    }

    // CliWorkspace.Regression with gaps: z empty in every third row, w = -9999 in every fourth (row 0 keeps both).
    private string Gapped()
    {
        var lines = File.ReadAllLines(_work.Regression());
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            cells[2] = i % 3 == 1 && i > 1 ? string.Empty : cells[2];
            cells[1] = i % 4 == 2 ? "-9999" : cells[1];
            lines[i] = string.Join(',', cells);
        }

        return _work.Write("gapped.csv", string.Join('\n', lines) + "\n");
    }

    [Fact]
    public void Several_targets_are_each_masked_on_their_own_in_training_and_evaluate()
    {
        var data = Gapped();
        var run = _work.PathOf("run");

        var train = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", data, "--target", "z,w",
            "--features", "x", "--missing", "-9999", "--out", run]));
        var evaluate = CliHarness.Run("evaluate", "--model", run, "--data", data, "--json");

        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("targets 'z', 'w'", train.All, StringComparison.Ordinal);
        Assert.Contains("target 'z' has no value in 66 rows", train.Stderr, StringComparison.Ordinal);
        Assert.Contains("target 'w' has no value in 50 rows", train.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "redshift_bins.csv")));
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        Assert.Contains("66 rows without a value of 'z' are left out", evaluate.Stderr, StringComparison.Ordinal);
        Assert.Contains("50 rows without a value of 'w' are left out", evaluate.Stderr, StringComparison.Ordinal);
        using var metrics = JsonDocument.Parse(evaluate.Stdout);
        var m = metrics.RootElement;

        // Each target is scored over its own known rows; a row counts when any target is known.
        Assert.Equal(134, m.GetProperty("count_z").GetDouble());
        Assert.Equal(150, m.GetProperty("count_w").GetDouble());
        Assert.Equal(200 - 16, m.GetProperty("count").GetDouble());
        Assert.InRange(m.GetProperty("rmse_w").GetDouble(), 0, 2);
    }

    [Fact]
    public void Alternating_gaps_in_two_targets_are_no_target_without_values()
    {
        var lines = File.ReadAllLines(_work.Regression());
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            cells[i % 2 + 1] = string.Empty;
            lines[i] = string.Join(',', cells);
        }

        var data = _work.Write("alternating.csv", string.Join('\n', lines) + "\n");

        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", data, "--target", "z,w",
            "--features", "x", "--out", _work.PathOf("run")]));

        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    [Fact]
    public void A_missing_sigma_masks_its_row_and_a_missing_target_needs_no_sigma()
    {
        var lines = File.ReadAllLines(WithSigma());
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            if (i % 10 == 3)
            {
                cells[3] = string.Empty;
            }
            else if (i % 10 == 7)
            {
                cells[2] = string.Empty;
                cells[3] = "-9999";
            }

            lines[i] = string.Join(',', cells);
        }

        var data = _work.Write("gaps.csv", string.Join('\n', lines) + "\n");

        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", data, "--target", "z",
            "--loss", "chi2", "--sigma", "zerr", "--missing", "-9999", "--out", _work.PathOf("run")]));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("target 'z' has no value in 20 rows", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("σ column 'zerr' has no value in 20 rows where 'z' is known (data rows 3, 13, 23, 33, 43, " +
            "…); they are masked out of the loss and the metrics", result.Stderr.Replace("\n", " ",
            StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void An_infinite_target_is_a_missing_label_not_a_crash_of_the_metrics()
    {
        var lines = File.ReadAllLines(_work.Regression());
        for (var i = 1; i < lines.Length; i += 7)
        {
            lines[i] = lines[i][..lines[i].LastIndexOf(',')] + (i % 2 == 0 ? ",inf" : ",-inf");
        }

        var data = _work.Write("inf.csv", string.Join('\n', lines) + "\n");

        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", data, "--target", "z",
            "--out", _work.PathOf("run")]));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("target 'z' has no value in 29 rows", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Monte_carlo_dropout_is_reproducible_for_a_seed_and_spreads_the_predictions()
    {
        var data = _work.Regression();
        var run = _work.Train(data, "run", "--target", "z", "--dropout", "0.2");

        var first = CliHarness.Run("predict", "--model", run, "--data", data, "--mc-samples", "8", "--seed", "3");
        var again = CliHarness.Run("predict", "--model", run, "--data", data, "--mc-samples", "8", "--seed", "3");
        var other = CliHarness.Run("predict", "--model", run, "--data", data, "--mc-samples", "8", "--seed", "4");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, again.Stdout);
        Assert.NotEqual(first.Stdout, other.Stdout);
        var lines = Lines(first.Stdout);
        Assert.Equal("z_mean,z_std", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.True(double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture) > 0));
    }

    [Fact]
    public void Monte_carlo_dropout_of_a_classifier_writes_the_mean_and_spread_of_each_probability()
    {
        var data = _work.Htru2(200);
        var run = _work.Train(data, "run", "--dropout", "0.2");

        var result = CliHarness.Run("predict", "--model", run, "--data", data, "--mc-samples", "4");

        Assert.Equal(0, result.ExitCode);
        var lines = Lines(result.Stdout);
        Assert.Equal("class,p_0_mean,p_0_std,p_1_mean,p_1_std", lines[0]);
        var p = lines[1].Split(',').Skip(1).Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(1, p[0] + p[2], 9);
    }

    [Fact]
    public void A_redshift_target_gets_a_per_bin_table_a_csv_and_a_plot()
    {
        var data = _work.Regression();
        var run = PathOfRun(data);

        var csv = File.ReadAllLines(Path.Combine(run, "redshift_bins.csv"));
        Assert.Equal("z_low,z_high,count,bias,bias_median,sigma_nmad,outlier_fraction", csv[0]);
        Assert.True(File.Exists(Path.Combine(run, "redshift_bins.png")));
        var evaluated = CliHarness.Run("evaluate", "--model", run, "--data", data);
        Assert.Contains("redshift metrics per bin of true z", evaluated.Console);
    }

    [Fact]
    public void The_per_bin_table_is_in_train_json_metrics_json_and_evaluate_json_as_in_the_csv()
    {
        var data = _work.Regression();
        var run = _work.PathOf("json-bins");
        var train = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", data, "--out", run, "--target", "z",
            "--json", "--no-plots"]));
        Assert.True(train.ExitCode == 0, train.Stderr);
        var evaluate = CliHarness.Run("evaluate", "--model", run, "--data", data, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);

        // The csv's numbers, bin by bin: z_low, z_high, count, bias, bias_median, sigma_nmad, outlier_fraction
        // (an empty bin's NaN is null in JSON).
        var csv = File.ReadAllLines(Path.Combine(run, "redshift_bins.csv")).Skip(1).Select(l => l.Split(','))
            .ToList();
        using var printed = JsonDocument.Parse(train.Stdout);
        using var saved = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        foreach (var root in new[] { printed.RootElement, saved.RootElement })
        {
            var table = root.GetProperty("redshift_bins");
            Assert.Equal("z", table.GetProperty("target").GetString());
            var bins = table.GetProperty("bins").EnumerateArray().ToList();
            Assert.Equal(csv.Count, bins.Count);
            for (var i = 0; i < bins.Count; i++)
            {
                string[] names = ["z_low", "z_high", "count", "bias", "bias_median", "sigma_nmad", "outlier_fraction"];
                var values = names.Select(n => bins[i].GetProperty(n)).Select(v =>
                    v.ValueKind == JsonValueKind.Null ? "NaN" : v.GetDouble().ToString("R",
                        CultureInfo.InvariantCulture));
                Assert.Equal(csv[i], values);
            }
        }

        // evaluate scores every row of the table: the same bins, with more rows in them.
        using var evaluated = JsonDocument.Parse(evaluate.Stdout);
        // First, so that a script taking the last "sigma_nmad" of the line still reads the metric of all rows.
        Assert.Equal("redshift_bins", evaluated.RootElement.EnumerateObject().First().Name);
        Assert.True(evaluated.RootElement.GetProperty("rmse").GetDouble() > 0);
        var all = evaluated.RootElement.GetProperty("redshift_bins").GetProperty("bins").EnumerateArray().ToList();
        Assert.Equal(200, all.Sum(b => b.GetProperty("count").GetInt32()));
        Assert.All(all, b => Assert.True(b.GetProperty("z_high").GetDouble() > b.GetProperty("z_low").GetDouble()));
    }

    private string PathOfRun(string data)
    {
        var run = _work.PathOf("bins");
        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", data, "--out", run, "--target", "z"]));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("redshift metrics per bin", result.Console);
        return run;
    }
}
