using System.Text.Json;

namespace Astrograd.Tests.Cli;

/// <summary>
/// A spreadsheet export that ends every line in a comma: the last column has no name and no value. It is left out
/// of the default features (and is not the default target) with one warning; named in --features, it is refused.
/// </summary>
public sealed class EmptyColumnTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    private string TrailingCommas()
    {
        var lines = File.ReadAllLines(_work.Htru2(200));
        return _work.Write("trailing.csv", string.Concat(lines.Select(l => l + ",\n")));
    }

    private static string[] Features(string run)
    {
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "model.json")));
        return [.. card.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetString()!)];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_trailing_comma_column_is_left_out_of_the_default_features_and_target_with_one_warning(
        bool namedTarget)
    {
        var data = TrailingCommas();
        var run = _work.PathOf("run");

        var result = CliHarness.Run(CliWorkspace.WithTiny(
            ["train", "--data", data, "--out", run, .. namedTarget ? new[] { "--target", "class" } : []]));

        Assert.True(result.ExitCode == 0, result.Stderr);
        var warning = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            l => l.Contains("col9", StringComparison.Ordinal));
        Assert.Equal("astrograd train: warning: column 'col9' has no value in any of the 200 rows (it has no name " +
            "either: every line ends in a delimiter); it is left out", warning);
        Assert.Equal(8, Features(run).Length);
        Assert.DoesNotContain("col9", Features(run));
        Assert.Contains("target 'class'", result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_empty_column_is_left_out_of_the_default_features_too()
    {
        var lines = File.ReadAllLines(_work.Htru2(200));
        var data = _work.Write("blank.csv", string.Concat(lines.Select((l, i) => (i == 0 ? "ra," : ",") + l + "\n")));
        var run = _work.PathOf("run");

        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", data, "--out", run]));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("warning: column 'ra' has no value in any of the 200 rows; it is left out", result.Stderr,
            StringComparison.Ordinal);
        Assert.DoesNotContain("ra", Features(run));
    }

    [Theory]
    [InlineData("col9")]
    [InlineData("Profile_mean,9")]
    public void An_empty_column_named_in_features_is_refused(string features)
    {
        var data = TrailingCommas();

        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", data, "--features", features,
            "--out", _work.PathOf("run")]));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"astrograd train: error: {data}, column 'col9': --features names a column that has no value " +
            "in any of the 200 rows (nor a name: does every line end in a delimiter?); leave it out of --features\n",
            result.Stderr);
        Assert.False(Directory.Exists(_work.PathOf("run")));
    }

    [Fact]
    public void Predict_reads_the_trailing_comma_file_of_a_model_trained_on_it()
    {
        var data = TrailingCommas();
        var run = _work.Train(data, "run");

        var result = CliHarness.Run("predict", "--model", run, "--data", data);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(201, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
