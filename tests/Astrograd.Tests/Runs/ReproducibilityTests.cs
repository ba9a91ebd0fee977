using Astrograd.Data;
using Astrograd.NN;
using Astrograd.Optim;
using Astrograd.Runs;
using Astrograd.Training;

namespace Astrograd.Tests.Runs;

// Case P11 of the shared cases: seeds belong to the run.
public sealed class ReproducibilityTests : IDisposable
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

    private static float[] Weights(Module<float> model) => [.. model.Parameters().SelectMany(p => p.ToArray())];

    [Fact]
    public void The_same_seed_and_data_give_the_same_weights_and_curves_whatever_else_draws_random_numbers()
    {
        var config = new RunConfig { Layers = [16, 8], Epochs = 6, Patience = 0, Seed = 11, Dropout = 0.1 };

        var first = TrainingRun.Run(Sample(), config, Path.Combine(_root, "a"));

        // Unrelated draws between the runs: the library keeps no global random state.
        _ = Random.Shared.Next();
        _ = new Rng(123).NextDouble();
        _ = Tensor.RandomNormal<float>(new Rng(5), [100]);
        var second = TrainingRun.Run(Sample(), config, Path.Combine(_root, "b"));

        Assert.Equal(Weights(first.Model.Network), Weights(second.Model.Network));
        Assert.Equal(first.Training.History.Select(e => (e.TrainLoss, e.ValidationLoss, e.Metric)),
            second.Training.History.Select(e => (e.TrainLoss, e.ValidationLoss, e.Metric)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "a", "weights.safetensors")),
            File.ReadAllBytes(Path.Combine(_root, "b", "weights.safetensors")));
    }

    [Fact]
    public void A_multi_start_twice_gives_the_same_restarts_weights_and_curves()
    {
        var config = new RunConfig
        {
            Layers = [8],
            Epochs = 4,
            Patience = 0,
            Seed = 21,
            Dropout = 0.1,
            Restarts = 4,
            Threads = 2,
        };

        var first = TrainingRun.Run(Sample(), config, Path.Combine(_root, "a"));
        _ = Random.Shared.Next();
        var second = TrainingRun.Run(Sample(), config, Path.Combine(_root, "b"));

        Assert.Equal(first.Restarts, second.Restarts);
        Assert.Equal(first.BestRestart, second.BestRestart);
        Assert.Equal(Weights(first.Model.Network), Weights(second.Model.Network));
        Assert.Equal(first.Training.History.Select(e => (e.TrainLoss, e.ValidationLoss, e.Metric)),
            second.Training.History.Select(e => (e.TrainLoss, e.ValidationLoss, e.Metric)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "a", "restarts.csv")),
            File.ReadAllBytes(Path.Combine(_root, "b", "restarts.csv")));
    }

    [Theory]
    [InlineData(TaskKind.Binary)]
    [InlineData(TaskKind.Regression)]
    public void A_warm_up_running_beside_a_run_changes_none_of_its_bits(TaskKind task)
    {
        var config = new RunConfig { Layers = [16, 8], Epochs = 4, Patience = 0, Seed = 5, Dropout = 0.1 };
        var alone = TrainingRun.Run(Sample(), config, Path.Combine(_root, "alone"));

        // The warm-up trains its own network at the same time: nothing it touches may reach the run.
        var warmup = TrainingWarmup.Start(config with { Task = task, Epochs = 50 });
        var beside = TrainingRun.Run(Sample(), config, Path.Combine(_root, "beside"));
        warmup.Wait();

        Assert.Equal(Weights(alone.Model.Network), Weights(beside.Model.Network));
        Assert.Equal(alone.Training.History.Select(e => e.TrainLoss), beside.Training.History.Select(e => e.TrainLoss));
    }

    [Fact]
    public void Shuffling_with_batches_of_one_changes_the_weights_after_one_epoch()
    {
        float[] Train(bool shuffle)
        {
            var rng = new Rng(3);
            var x = new float[40 * 2];
            var y = new float[40];
            var labels = new int[40];
            for (var i = 0; i < 40; i++)
            {
                x[2 * i] = (float)rng.NextNormal();
                x[(2 * i) + 1] = (float)rng.NextNormal();
                labels[i] = x[2 * i] > 0 ? 1 : 0;
                y[i] = labels[i];
            }

            var model = new Mlp<float>(new MlpSpec(2, [4], 1), new Rng(7));
            var sgd = new Sgd<float>(model.Parameters(), new SgdOptions(0.1));
            Trainer.Fit(model, sgd, new Objective(TaskKind.Binary), new TrainingSet<float>(x, 2, y, 1, labels), null,
                new TrainerOptions(Epochs: 1, BatchSize: 1, Patience: 0, Seed: 9, Shuffle: shuffle));
            return Weights(model);
        }

        Assert.NotEqual(Train(shuffle: false), Train(shuffle: true));
        Assert.Equal(Train(shuffle: true), Train(shuffle: true));
    }
}
