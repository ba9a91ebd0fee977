using System.Globalization;
using Astrograd.Data;
using Astrograd.Runs;

namespace Astrograd.Tests.Runs;

public sealed class RunLockTests : IDisposable
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

    private static RunConfig Small => new() { Layers = [4], Epochs = 2, Patience = 0, Seed = 1 };

    [Fact]
    public void A_second_run_on_a_directory_held_by_a_live_process_is_refused_and_changes_nothing()
    {
        var dir = Path.Combine(_root, "run");
        Directory.CreateDirectory(_root);
        var lockFile = RunLock.PathFor(dir);
        File.WriteAllText(lockFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

        var error = Assert.Throws<RunConfigException>(() => TrainingRun.Run(Sample(), Small, dir));

        Assert.Equal("--out", error.Option);
        Assert.Contains($"process {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
        Assert.True(File.Exists(lockFile));
    }

    [Fact]
    public void A_lock_left_by_a_process_that_is_gone_is_taken_over_and_removed_after_the_run()
    {
        var dir = Path.Combine(_root, "run");
        Directory.CreateDirectory(_root);
        // No system hands out process ids this large.
        File.WriteAllText(RunLock.PathFor(dir), "999999999");

        TrainingRun.Run(Sample(), Small, dir);

        Assert.True(File.Exists(Path.Combine(dir, "model.json")));
        Assert.False(File.Exists(RunLock.PathFor(dir)));
    }

    [Fact]
    public void A_run_leaves_no_lock_behind_even_when_it_fails()
    {
        var dir = Path.Combine(_root, "run");

        Assert.ThrowsAny<Exception>(() => TrainingRun.Run(Sample(), Small with { Target = "nope" }, dir));

        Assert.False(File.Exists(RunLock.PathFor(dir)));
        TrainingRun.Run(Sample(), Small, dir);
        Assert.False(File.Exists(RunLock.PathFor(dir)));
    }
}
