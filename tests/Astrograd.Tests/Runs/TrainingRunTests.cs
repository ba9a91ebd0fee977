using System.Text.Json;
using Astrograd.Data;
using Astrograd.Runs;

namespace Astrograd.Tests.Runs;

public sealed class TrainingRunTests : IDisposable
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

    private static RunConfig SmallConfig => new() { Layers = [16], Epochs = 30, Patience = 5, Seed = 7 };

    [Fact]
    public void Training_on_the_htru2_sample_learns_and_writes_a_complete_run_directory()
    {
        var dir = Path.Combine(_root, "run");

        var result = TrainingRun.Run(Sample(), SmallConfig, dir);

        Assert.True(result.TestMetrics["accuracy"] > 0.95, $"accuracy {result.TestMetrics["accuracy"]}");
        Assert.True(result.TestMetrics["roc_auc"] > 0.9);
        foreach (var file in new[] { "model.json", "weights.safetensors", "metrics.json", "history.csv" })
        {
            Assert.True(File.Exists(Path.Combine(dir, file)), file);
        }

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json")));
        Assert.Equal("binary", metrics.RootElement.GetProperty("task").GetString());
        Assert.Equal("mean", metrics.RootElement.GetProperty("reduction").GetString());
        Assert.Empty(Directory.GetDirectories(_root, ".*partial*"));
    }

    [Fact]
    public void A_saved_model_loads_and_predicts_bit_identically()
    {
        var dir = Path.Combine(_root, "run");
        var table = Sample();
        var result = TrainingRun.Run(table, SmallConfig, dir);

        var loaded = TrainedModel.Load(dir);

        Assert.Equal(result.Model.PredictRaw(table), loaded.PredictRaw(table));
        Assert.Equal(result.Model.Card.Features, loaded.Card.Features);
        Assert.Equal(["0", "1"], loaded.Card.Classes!);
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_history()
    {
        var a = TrainingRun.Run(Sample(), SmallConfig, Path.Combine(_root, "a"));
        var b = TrainingRun.Run(Sample(), SmallConfig, Path.Combine(_root, "b"));

        Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "a", "weights.safetensors")),
            File.ReadAllBytes(Path.Combine(_root, "b", "weights.safetensors")));
        Assert.Equal(a.Training.History.Select(h => h.TrainLoss), b.Training.History.Select(h => h.TrainLoss));
    }

    [Fact]
    public void An_existing_non_empty_out_directory_is_refused_and_left_untouched()
    {
        var dir = Path.Combine(_root, "taken");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "keep.txt"), "precious");

        var error = Assert.Throws<RunConfigException>(() => TrainingRun.Run(Sample(), SmallConfig, dir));

        Assert.Equal("--out", error.Option);
        Assert.StartsWith("--out: ", error.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(dir, "keep.txt")));
    }

    [Fact]
    public void A_failed_run_leaves_no_directory_behind()
    {
        var dir = Path.Combine(_root, "failed");

        Assert.Throws<DataException>(() => TrainingRun.Run(Sample(), SmallConfig with { Target = "nope" }, dir));

        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Extra_files_are_written_into_the_temporary_folder_and_appear_with_the_run()
    {
        var dir = Path.Combine(_root, "run");
        string? seen = null;
        var hadModel = false;

        TrainingRun.Run(Sample(), SmallConfig with { Epochs = 2 }, dir, writeExtras: (result, folder) =>
        {
            seen = folder;
            hadModel = File.Exists(Path.Combine(folder, "model.json"));
            File.WriteAllText(Path.Combine(folder, "extra.txt"), result.Model.Card.Task);
        });

        Assert.NotEqual(Path.GetFullPath(dir), seen);
        Assert.Contains(".partial-", seen, StringComparison.Ordinal);
        Assert.True(hadModel);
        Assert.Equal("binary", File.ReadAllText(Path.Combine(dir, "extra.txt")));
        Assert.False(Directory.Exists(seen));
    }

    [Fact]
    public void Extra_files_that_fail_leave_no_directory_behind()
    {
        var dir = Path.Combine(_root, "run");

        Assert.Throws<IOException>(() => TrainingRun.Run(Sample(), SmallConfig with { Epochs = 2 }, dir,
            writeExtras: (_, _) => throw new IOException("disk full")));

        Assert.False(Directory.Exists(dir));
        Assert.Empty(Directory.GetDirectories(_root, ".*partial*"));
    }

    [Fact]
    public void A_loss_that_does_not_fit_the_task_is_refused_as_a_bad_loss_option_before_training()
    {
        var dir = Path.Combine(_root, "run");
        var epochs = 0;

        var error = Assert.Throws<RunConfigException>(() => TrainingRun.Run(Sample(),
            SmallConfig with { Loss = Astrograd.Training.LossKind.L1 }, dir, onEpoch: _ => epochs++));

        Assert.Equal("--loss", error.Option);
        Assert.Contains("'l1' does not fit the binary task of target 'class'; use bce", error.Message);
        Assert.Equal(0, epochs);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void A_target_with_one_value_is_refused_naming_the_table_and_column()
    {
        var table = CsvReader.Parse("a,b,c\n1,2,1\n3,4,1\n5,6,1\n7,8,1\n", source: "one.csv");

        var error = Assert.Throws<DataException>(() => TrainingRun.Run(table, SmallConfig, Path.Combine(_root, "r")));

        Assert.StartsWith("one.csv, column 'c': the target holds one value (1) in all 4 rows", error.Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, "--lr")]
    [InlineData(double.NaN, "--lr")]
    public void Each_bad_option_value_names_its_option(double lr, string option)
    {
        var error = Assert.Throws<RunConfigException>(() => (SmallConfig with { LearningRate = lr }).Validate());

        Assert.Equal(option, error.Option);
    }

    [Fact]
    public void Loading_a_run_without_weights_or_with_a_broken_card_names_the_file()
    {
        var dir = Path.Combine(_root, "run");
        TrainingRun.Run(Sample(), SmallConfig, dir);
        File.Move(Path.Combine(dir, "weights.safetensors"), Path.Combine(_root, "w.bak"));

        var missing = Assert.Throws<DataException>(() => TrainedModel.Load(dir));
        File.Move(Path.Combine(_root, "w.bak"), Path.Combine(dir, "weights.safetensors"));
        File.WriteAllText(Path.Combine(dir, "model.json"), "{\"format\": ");
        var broken = Assert.Throws<DataException>(() => TrainedModel.Load(dir));

        Assert.Contains("weights.safetensors", missing.Message);
        Assert.Contains("model.json", broken.Message);
        Assert.Contains("line", broken.Message);
        Assert.DoesNotContain("BytePosition", broken.Message);
    }
}
