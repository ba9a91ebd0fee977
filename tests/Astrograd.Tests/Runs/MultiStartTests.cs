using System.Text.Json;
using Astrograd.Data;
using Astrograd.Runs;
using Astrograd.Training;

namespace Astrograd.Tests.Runs;

public sealed class MultiStartTests : IDisposable
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

    private static DataTable Xor() => CsvReader.Parse("a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n", source: "xor.csv");

    // P12: a 2-2-1 sigmoid network with squared error on XOR, full batch.
    private static RunConfig XorConfig => new()
    {
        Target = "y",
        Task = TaskKind.Regression,
        Layers = [2],
        Activation = Activation.Sigmoid,
        Loss = LossKind.L2,
        LearningRate = 0.5,
        Momentum = 0.9,
        BatchSize = 4,
        Epochs = 2000,
        Patience = 0,
        Validation = 0,
        Test = 0,
        Seed = 42,
    };

    private static float[] Weights(RunResult r) => [.. r.Model.Network.Parameters().SelectMany(p => p.ToArray())];

    [Fact]
    public void Restarts_escape_the_local_minima_of_xor_and_report_every_start()
    {
        var result = TrainingRun.Run(Xor(), XorConfig with { Restarts = 16 }, Path.Combine(_root, "xor"));

        // Some starts stick (outputs near 0.5 or 0.67, loss about 0.125): local minima are real...
        Assert.Equal(16, result.Restarts.Count);
        Assert.Contains(result.Restarts, r => r.TrainLossAtBest > 0.05);

        // ...and the kept network is one that learned XOR.
        var kept = result.Restarts[result.BestRestart];
        Assert.True(kept.TrainLossAtBest < 0.01, $"kept restart {kept.Index} has loss {kept.TrainLossAtBest}");
        Assert.Equal(result.Restarts.Min(r => r.Score), kept.Score);
        var predictions = result.Model.PredictRaw(Xor());
        float[] expected = [0, 1, 1, 0];
        for (var i = 0; i < 4; i++)
        {
            Assert.InRange(predictions[i], expected[i] - 0.1f, expected[i] + 0.1f);
        }

        var csv = File.ReadAllLines(Path.Combine(_root, "xor", "restarts.csv"));
        Assert.Equal(17, csv.Length);
        Assert.Single(csv, line => line.EndsWith(",true", StringComparison.Ordinal));
    }

    [Fact]
    public void A_restart_replayed_alone_gives_the_kept_weights_bit_for_bit()
    {
        var config = new RunConfig { Layers = [8], Epochs = 4, Patience = 2, Seed = 5 };
        var multi = TrainingRun.Run(Sample(), config with { Restarts = 3 }, Path.Combine(_root, "multi"));
        var kept = multi.Restarts[multi.BestRestart].Index;

        var alone = TrainingRun.Run(Sample(), config with { Restart = kept }, Path.Combine(_root, "alone"));

        Assert.Equal(Weights(multi), Weights(alone));
        Assert.Equal(kept, alone.Model.Card.Restart);
        Assert.Equal(multi.Restarts[multi.BestRestart].Seed, alone.Restarts.Single().Seed);
    }

    [Fact]
    public void Restart_zero_is_the_single_run_and_thread_count_changes_no_bit()
    {
        var config = new RunConfig { Layers = [8], Epochs = 3, Patience = 0, Seed = 9 };
        var single = TrainingRun.Run(Sample(), config, Path.Combine(_root, "single"));
        var one = TrainingRun.Run(Sample(), config with { Restarts = 4, Threads = 1 }, Path.Combine(_root, "t1"));
        var two = TrainingRun.Run(Sample(), config with { Restarts = 4, Threads = 2 }, Path.Combine(_root, "t2"));

        Assert.Equal(one.Restarts, two.Restarts);
        Assert.Equal(Weights(one), Weights(two));
        Assert.Equal(single.Restarts.Single(), one.Restarts[0]);
        Assert.Equal(9UL, one.Restarts[0].Seed);
        Assert.Equal(4, one.Restarts.Select(r => r.Seed).Distinct().Count());
    }

    [Fact]
    public void The_summary_json_lists_the_restarts_and_the_kept_one()
    {
        var config = new RunConfig { Layers = [4], Epochs = 2, Patience = 0, Seed = 1, Restarts = 3 };
        var result = TrainingRun.Run(Sample(), config, Path.Combine(_root, "json"));

        using var doc = JsonDocument.Parse(RunFiles.SummaryJson(result, indented: false));
        var restarts = doc.RootElement.GetProperty("restarts");

        Assert.Equal(3, restarts.GetArrayLength());
        Assert.Equal(result.BestRestart, doc.RootElement.GetProperty("best").GetInt32());
        Assert.Equal(result.Restarts[1].Seed, restarts[1].GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void Each_restart_reports_both_losses_of_the_epoch_it_kept_in_the_table_and_the_json()
    {
        // 12 epochs at a high rate: the validation loss turns back up, so a restart's best epoch is not its last.
        var config = new RunConfig { Layers = [8], Epochs = 12, Patience = 0, Seed = 3, LearningRate = 0.5 };
        var multi = TrainingRun.Run(Sample(), config with { Restarts = 3 }, Path.Combine(_root, "multi"));
        var csv = File.ReadAllLines(Path.Combine(_root, "multi", "restarts.csv"));
        using var doc = JsonDocument.Parse(RunFiles.SummaryJson(multi, indented: false));
        var json = doc.RootElement.GetProperty("restarts");

        Assert.Equal("restart,seed,epochs,best_epoch,train_loss_at_best,val_loss_at_best,score,diverged,kept", csv[0]);
        Assert.Contains(multi.Restarts, r => r.BestEpoch < r.Epochs);
        for (var k = 0; k < 3; k++)
        {
            // Replayed alone, restart k writes its own history: the row of its best epoch holds both losses.
            var alone = TrainingRun.Run(Sample(), config with { Restart = k }, Path.Combine(_root, $"alone{k}"));
            var r = multi.Restarts[k];
            var epoch = alone.Training.History[r.BestEpoch - 1];
            Assert.Equal((alone.Training.History.Count, alone.Training.BestEpoch), (r.Epochs, r.BestEpoch));
            Assert.Equal(epoch.TrainLoss, r.TrainLossAtBest);
            Assert.Equal(epoch.ValidationLoss, r.ValidationLossAtBest);

            var cells = csv[k + 1].Split(',');
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            Assert.Equal(epoch.TrainLoss, double.Parse(cells[4], invariant));
            Assert.Equal(epoch.ValidationLoss, double.Parse(cells[5], invariant));
            Assert.Equal(r.Epochs, json[k].GetProperty("epochs").GetInt32());
            Assert.Equal(r.BestEpoch, json[k].GetProperty("best_epoch").GetInt32());
            Assert.Equal(epoch.TrainLoss, json[k].GetProperty("train_loss_at_best").GetDouble());
            Assert.Equal(epoch.ValidationLoss, json[k].GetProperty("val_loss_at_best").GetDouble());
        }
    }

    [Theory]
    [InlineData(0, null, null, "--restarts")]
    [InlineData(2, 1, null, "--restart")]
    [InlineData(1, -1, null, "--restart")]
    [InlineData(1, null, 0, "--threads")]
    public void Bad_restart_options_are_named(int restarts, int? restart, int? threads, string option)
    {
        var config = new RunConfig { Restarts = restarts, Restart = restart, Threads = threads };

        var error = Assert.Throws<RunConfigException>(config.Validate);

        Assert.Equal(option, error.Option);
    }
}
