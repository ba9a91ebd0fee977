using System.Globalization;

namespace Astrograd.Tests.Cli;

public sealed class PredictCommandTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    private static double[] Numbers(string csvLine) =>
        [.. csvLine.Split(',').Skip(1).Select(c => double.Parse(c, CultureInfo.InvariantCulture))];

    [Fact]
    public void A_binary_model_writes_the_class_and_both_probabilities_for_every_row()
    {
        var data = _work.Htru2();
        var run = _work.Train(data, "run");

        var result = CliHarness.Run("predict", "--model", run, "--data", data);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("class,p_0,p_1", lines[0]);
        Assert.Equal(400, lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var p = Numbers(line);
            Assert.Equal(1, p[0] + p[1], 5);
            Assert.Equal(p[1] > p[0] ? "1" : "0", line.Split(',')[0]);
        }
    }

    [Fact]
    public void A_table_without_the_target_column_can_be_predicted()
    {
        var data = _work.Htru2();
        var run = _work.Train(data, "run");
        var unlabelled = _work.Write("unlabelled.csv",
            string.Join('\n', File.ReadLines(data).Select(l => l[..l.LastIndexOf(',')])) + "\n");

        var result = CliHarness.Run("predict", "--model", run, "--data", unlabelled);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(401, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Out_writes_the_predictions_to_a_file_and_says_so()
    {
        var data = _work.Htru2();
        var run = _work.Train(data, "run");
        var file = _work.PathOf("predictions.csv");

        var result = CliHarness.Run("predict", "--model", run, "--data", data, "--out", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("wrote 400 predictions to", result.Console, StringComparison.Ordinal);
        Assert.Equal(401, File.ReadAllLines(file).Length);
        Assert.Empty(Directory.GetFiles(_work.Root, "*.tmp"));
    }

    [Fact]
    public void An_existing_out_file_is_kept_unless_force_is_given()
    {
        var data = _work.Htru2();
        var run = _work.Train(data, "run");
        var file = _work.PathOf("predictions.csv");
        File.WriteAllText(file, "keep me\n");

        var refused = CliHarness.Run("predict", "--model", run, "--data", data, "--out", file);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--out:", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("keep me\n", File.ReadAllText(file));

        var forced = CliHarness.Run("predict", "--model", run, "--data", data, "--out", file, "--force");

        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(401, File.ReadAllLines(file).Length);
    }

    [Fact]
    public void A_multiclass_model_writes_one_probability_per_class_in_class_order()
    {
        var data = _work.Multiclass();
        var run = _work.Train(data, "run");

        var result = CliHarness.Run("predict", "--model", run, "--data", data);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("class,p_GALAXY,p_QSO,p_STAR", lines[0]);
        Assert.Equal(300, lines.Length - 1);
        string[] classes = ["GALAXY", "QSO", "STAR"];
        foreach (var line in lines.Skip(1))
        {
            var p = Numbers(line);
            Assert.Equal(1, p.Sum(), 5);
            Assert.Equal(classes[Array.IndexOf(p, p.Max())], line.Split(',')[0]);
        }
    }

    [Fact]
    public void A_regression_model_writes_one_value_per_row_under_the_target_name()
    {
        var data = _work.Regression();
        var run = _work.Train(data, "run");

        var result = CliHarness.Run("predict", "--model", run, "--data", data);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("z", lines[0]);
        Assert.Equal(200, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.True(double.IsFinite(double.Parse(l, CultureInfo.InvariantCulture))));
    }
}
