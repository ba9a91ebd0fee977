using System.Text.Json;

namespace Astrograd.Tests.Cli;

public sealed class SearchCommandTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    private CliResult Search(params string[] extra) =>
        CliHarness.Run(["search", "--data", _work.Htru2(), "--out", _work.PathOf("search"), "--epochs", "3",
            .. extra]);

    [Fact]
    public void A_grid_search_prints_its_trials_best_first_and_writes_the_table_and_the_best_run()
    {
        var result = Search("--layers-grid", "4;8,8", "--lrs", "0.01,0.1", "--no-plots");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("grid search: 4 trials, best first (by validation loss)", result.Console,
            StringComparison.Ordinal);
        Assert.Contains("best: trial ", result.Console, StringComparison.Ordinal);
        var csv = File.ReadAllLines(Path.Combine(_work.PathOf("search"), "search.csv"));
        Assert.Equal(5, csv.Length);
        var csvScores = csv.Skip(1).Select(l => double.Parse(l.Split(',')[^7],
            System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(csvScores.Order(), csvScores);
        Assert.Equal(4, csv.Skip(1).Select(l => l.Split(',')[0]).Distinct().Count());
        var best = Path.Combine(_work.PathOf("search"), "best");
        Assert.True(File.Exists(Path.Combine(best, "model.json")));
        Assert.True(File.Exists(Path.Combine(best, "weights.safetensors")));
        Assert.True(File.Exists(Path.Combine(best, "metrics.json")));
        Assert.False(File.Exists(Path.Combine(best, "loss.png")));

        // The table's rows come in rank order: their scores never fall.
        var scores = result.Console.Split('\n').Where(l => l.Contains("│    64 │", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split('│')[5], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4, scores.Count);
        Assert.Equal(scores.Order(), scores);
    }

    [Fact]
    public void The_best_run_records_its_train_options_and_train_replays_it_bit_for_bit()
    {
        var searched = Search("--layers-grid", "4;8", "--activations", "tanh,relu", "--lrs", "0.01,0.05",
            "--batches", "32,64", "--random", "3", "--restarts", "2", "--optimizer", "adam", "--seed", "5",
            "--no-plots", "--json");
        Assert.True(searched.ExitCode == 0, searched.All);
        var best = Path.Combine(_work.PathOf("search"), "best");
        var config = File.ReadAllLines(Path.Combine(best, "config.toml"));

        var replay = _work.PathOf("replay");
        var replayed = CliHarness.Run("train", "--config", Path.Combine(best, "config.toml"), "--out", replay,
            "--json");

        Assert.True(replayed.ExitCode == 0, replayed.All);
        Assert.Contains("optimizer = \"adam\"", config);
        Assert.Contains("restarts = 2", config);
        Assert.DoesNotContain(config, l => l.StartsWith("layers-grid", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllBytes(Path.Combine(best, "weights.safetensors")),
            File.ReadAllBytes(Path.Combine(replay, "weights.safetensors")));
        Assert.True(File.Exists(Path.Combine(best, "report.html")));
    }

    [Fact]
    public void A_random_search_with_restarts_reports_trials_and_best_in_json_and_writes_plots_of_the_best()
    {
        var result = Search("--layers-grid", "4;8;8,8", "--activations", "tanh,relu", "--batches", "32,64",
            "--random", "3", "--restarts", "2", "--json");

        Assert.True(result.ExitCode == 0, result.All);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal("random", root.GetProperty("mode").GetString());
        var trials = root.GetProperty("trials").EnumerateArray().ToArray();
        Assert.Equal(3, trials.Length);
        var best = root.GetProperty("best").GetInt32();
        var bestScore = trials.Single(t => t.GetProperty("trial").GetInt32() == best).GetProperty("score")
            .GetDouble();
        Assert.All(trials, t => Assert.True(t.GetProperty("score").GetDouble() >= bestScore));
        Assert.All(trials, t => Assert.InRange(t.GetProperty("best_restart").GetInt32(), 0, 1));
        Assert.Equal(2, root.GetProperty("best_run").GetProperty("restarts").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(_work.PathOf("search"), "best", "loss.png")));
    }

    [Fact]
    public void A_trial_that_diverges_is_reported_and_the_search_goes_on()
    {
        var result = CliHarness.Run(["search", "--data", _work.Regression(), "--out", _work.PathOf("search"),
            "--epochs", "3", "--layers", "8", "--lrs", "0.05,1000", "--json"]);

        Assert.True(result.ExitCode == 0, result.All);
        using var doc = JsonDocument.Parse(result.Stdout);
        var trials = doc.RootElement.GetProperty("trials").EnumerateArray().ToArray();
        Assert.False(trials[0].GetProperty("diverged").GetBoolean());
        Assert.True(trials[1].GetProperty("diverged").GetBoolean());
        Assert.Equal(0, doc.RootElement.GetProperty("best").GetInt32());
    }
}
