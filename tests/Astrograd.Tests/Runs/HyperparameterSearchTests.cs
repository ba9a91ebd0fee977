using System.Globalization;
using Astrograd.Data;
using Astrograd.Runs;

namespace Astrograd.Tests.Runs;

public sealed class HyperparameterSearchTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "astrograd-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static DataTable Sample() =>
        CsvReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", "htru2_sample.csv"));

    private static readonly SearchSpace _space = new()
    {
        Layers = [[4], [6, 6]],
        Activations = [Activation.Tanh, Activation.Relu],
        LearningRates = [0.01, 0.1],
        BatchSizes = [64],
    };

    private static RunConfig Config(int threads, int restarts = 1) =>
        new() { Epochs = 4, Patience = 0, Threads = threads, Restarts = restarts, Seed = 5 };

    private SearchResult Search(string name, int threads, int restarts = 1) =>
        HyperparameterSearch.Run(Sample(), Config(threads, restarts), _space.Grid(), Path.Combine(_root, name));

    [Fact]
    public void One_and_two_threads_give_the_same_trials_and_the_same_best_model_bit_for_bit()
    {
        var one = Search("one", threads: 1);
        var two = Search("two", threads: 2);

        Assert.Equal(8, one.Trials.Count);
        Assert.Equal(one.Trials.Select(t => t.Score), two.Trials.Select(t => t.Score));
        Assert.Equal(one.Trials.Select(t => t.Metric), two.Trials.Select(t => t.Metric));
        Assert.Equal(one.Best, two.Best);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "one", "best", TrainedModel.WeightsFile)),
            File.ReadAllBytes(Path.Combine(_root, "two", "best", TrainedModel.WeightsFile)));
    }

    [Fact]
    public void The_best_trial_has_the_lowest_score_and_its_run_directory_reproduces_its_validation_loss()
    {
        var result = Search("run", threads: 2, restarts: 2);

        var best = result.Trials[result.Best];
        Assert.Equal(result.Trials.Min(t => t.Score), best.Score);
        Assert.Equal(best, result.Ranked[0]);
        Assert.All(result.Trials, t => Assert.InRange(t.BestRestart, 0, 1));
        var run = result.BestRun;
        Assert.Equal(best.ValidationLoss, run.Training.History[run.Training.BestEpoch - 1].ValidationLoss);
        Assert.Equal(best.Parameters.Layers, run.Model.Card.Architecture.Hidden);
        Assert.Equal(best.BestRestart, run.Model.Card.Restart);
        var csv = File.ReadAllLines(Path.Combine(_root, "run", HyperparameterSearch.TableFile));
        Assert.Equal(9, csv.Length);
        Assert.StartsWith("trial,layers,activation,lr,batch,val_loss,", csv[0], StringComparison.Ordinal);
        Assert.StartsWith(FormattableString.Invariant($"{best.Index},"), csv[1], StringComparison.Ordinal);
        Assert.Equal(result.Ranked.Select(t => t.Index.ToString(CultureInfo.InvariantCulture)),
            csv.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains(csv, l => l.StartsWith("7,\"6,6\",relu,0.1,64,", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_root, "run", "best", TrainedModel.CardFile)));
    }

    [Fact]
    public void A_bad_trial_is_refused_before_anything_is_trained_or_written()
    {
        var trials = (_space with { LearningRates = [0.01] }).Grid().Select(t => t with { BatchSize = 0 })
            .ToList();

        var e = Assert.Throws<RunConfigException>(() =>
            HyperparameterSearch.Run(Sample(), Config(1), trials, Path.Combine(_root, "bad")));

        Assert.Equal("--batch", e.Option);
        Assert.False(Directory.Exists(Path.Combine(_root, "bad")));
    }

    [Theory]
    [InlineData("trials")]
    [InlineData("best")]
    public void A_search_cancelled_at_any_stage_writes_nothing_and_leaves_no_lock(string stage)
    {
        var dir = Path.Combine(_root, "cancelled");
        using var cancel = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => HyperparameterSearch.Run(Sample(), Config(1),
            _space.Grid(), dir, onTrial: _ => Cancel(stage == "trials"), onBest: _ => Cancel(stage == "best"),
            cancellation: cancel.Token));

        Assert.False(Directory.Exists(dir));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));

        void Cancel(bool now)
        {
            if (now)
            {
                cancel.Cancel();
            }
        }
    }

    [Fact]
    public void The_best_runs_files_name_its_final_folder_not_the_temporary_one_it_was_written_in()
    {
        var result = Search("named", threads: 1);

        var best = Path.Combine(_root, "named", HyperparameterSearch.BestFolder);
        Assert.Equal(best, result.BestRun.RunDirectory);
        Assert.Contains(best.Replace("\\", "\\\\", StringComparison.Ordinal),
            File.ReadAllText(Path.Combine(best, "metrics.json")), StringComparison.Ordinal);
        Assert.DoesNotContain(".partial-", File.ReadAllText(Path.Combine(best, "metrics.json")),
            StringComparison.Ordinal);
        Assert.Equal(["named"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName));
    }
}
