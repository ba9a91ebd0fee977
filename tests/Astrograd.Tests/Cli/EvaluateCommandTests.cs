using System.Text.Json;

namespace Astrograd.Tests.Cli;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    // The metrics by name; a redshift target's per-bin table (redshift_bins) is compared on its own.
    private static Dictionary<string, double> Metrics(JsonElement metrics) =>
        metrics.EnumerateObject().Where(p => p.Name != "redshift_bins")
            .ToDictionary(p => p.Name, p => p.Value.GetDouble());

    // Every number of a redshift_bins table, bin by bin (NaN for null).
    private static double[] Bins(JsonElement table) =>
        [.. table.GetProperty("bins").EnumerateArray().SelectMany(b => b.EnumerateObject())
            .Select(p => p.Value.ValueKind == JsonValueKind.Null ? double.NaN : p.Value.GetDouble())];

    [Theory]
    [InlineData("binary")]
    [InlineData("multiclass")]
    [InlineData("regression")]
    public void On_the_test_rows_of_the_split_evaluate_gives_the_test_metrics_of_train(string task)
    {
        var data = task switch
        {
            "binary" => _work.Htru2(),
            "multiclass" => _work.Multiclass(),
            _ => _work.Regression(),
        };
        var run = _work.PathOf("run");
        var train = CliHarness.Run(["train", "--data", data, "--out", run, .. CliWorkspace.Tiny, "--json"]);
        Assert.Equal(0, train.ExitCode);
        var testRows = _work.Rows(data, CliWorkspace.TestRows(run), "test.csv");

        var result = CliHarness.Run("evaluate", "--model", run, "--data", testRows, "--json");

        Assert.Equal(0, result.ExitCode);
        using var trained = JsonDocument.Parse(train.Stdout);
        using var evaluated = JsonDocument.Parse(result.Stdout);
        var expected = Metrics(trained.RootElement.GetProperty("metrics"));
        var actual = Metrics(evaluated.RootElement);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, value) in expected)
        {
            Assert.Equal(value, actual[name], 9);
        }

        // The regression's target is z, named like a redshift: the same bins, from the same rows.
        Assert.Equal(task == "regression", evaluated.RootElement.TryGetProperty("redshift_bins", out var bins));
        if (task == "regression")
        {
            var trainedBins = Bins(trained.RootElement.GetProperty("redshift_bins"));
            Assert.Equal(trainedBins.Length, Bins(bins).Length);
            Assert.All(trainedBins.Zip(Bins(bins)), p => Assert.Equal(p.First, p.Second, 9));
        }
    }

    [Fact]
    public void The_metrics_table_shows_counts_as_whole_numbers_and_the_rest_with_four_decimals()
    {
        var data = _work.Htru2();
        var run = _work.Train(data, "run");

        var result = CliHarness.Run("evaluate", "--model", run, "--data", data);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("metrics on htru2.csv", result.Console.Replace("\n", " ", StringComparison.Ordinal)
            .Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Matches(@"│ count\s+│\s+400 │", result.Console);
        Assert.Matches(@"│ roc_auc\s+│\s+[01]\.\d{4} │", result.Console);
    }
}
