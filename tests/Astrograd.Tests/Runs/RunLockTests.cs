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
    public void Taking_the_lock_removes_the_temporary_folders_of_killed_runs_and_keeps_a_swapped_aside_checkpoint()
    {
        var dir = Path.Combine(_root, "run");
        var stray = Path.Combine(_root, ".run.partial-999999999");
        var aside = Path.Combine(_root, ".run.replaced-999999999");
        var other = Path.Combine(_root, ".runs.partial-999999999");
        foreach (var folder in new[] { stray, aside, other })
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "model.json"), "{");
        }

        using (RunLock.Acquire(dir))
        {
            Assert.False(Directory.Exists(stray), "a killed run's temporary folder is removed");
        }

        Assert.True(Directory.Exists(aside), "a checkpoint moved aside is the user's to rename back");
        Assert.True(Directory.Exists(other), "another directory's temporaries are not touched");
    }

    [Fact]
    public void A_search_that_fails_leaves_nothing_under_its_folders_name()
    {
        var dir = Path.Combine(_root, "search");
        var trials = new SearchSpace
        {
            Layers = [[4]],
            Activations = [Activation.Tanh],
            LearningRates = [0.1],
            BatchSizes = [16]
        }.Grid();

        Assert.ThrowsAny<Exception>(() =>
            HyperparameterSearch.Run(Sample(), Small with { Target = "nope" }, trials, dir));

        Assert.False(Directory.Exists(dir));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
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

    [Fact]
    public void A_lock_whose_process_id_now_belongs_to_a_later_process_is_taken_over()
    {
        var dir = Path.Combine(_root, "run");
        Directory.CreateDirectory(_root);
        var lockFile = RunLock.PathFor(dir);
        // This process's id, in a lock written long before this process started: the id was reused.
        File.WriteAllText(lockFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        File.SetLastWriteTimeUtc(lockFile, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        TrainingRun.Run(Sample(), Small, dir);

        Assert.True(File.Exists(Path.Combine(dir, "model.json")));
        Assert.False(File.Exists(lockFile));
    }

    [Fact]
    public void A_lock_file_left_without_a_process_id_is_taken_over()
    {
        // A fresh one is being written and is waited for; one this old was left by a process killed as it wrote.
        var dir = Path.Combine(_root, "run");
        Directory.CreateDirectory(_root);
        File.WriteAllText(RunLock.PathFor(dir), "");
        File.SetLastWriteTimeUtc(RunLock.PathFor(dir), DateTime.UtcNow.AddMinutes(-1));

        TrainingRun.Run(Sample(), Small, dir);

        Assert.True(File.Exists(Path.Combine(dir, "model.json")));
    }

    [Fact]
    public void A_directory_being_filled_by_a_live_run_is_named_as_such_not_as_merely_taken()
    {
        var dir = Path.Combine(_root, "run");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "checkpoint.safetensors"), "the other run's");
        File.WriteAllText(RunLock.PathFor(dir), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

        var error = Assert.Throws<RunConfigException>(() => TrainingRun.Run(Sample(), Small, dir));

        Assert.Contains($"is being written by process {Environment.ProcessId}", error.Message,
            StringComparison.Ordinal);
        Assert.Equal(["checkpoint.safetensors"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Of_many_processes_racing_for_one_lock_exactly_one_holds_it()
    {
        // Threads stand in for processes: each Acquire either returns the lock or is refused naming its holder.
        var dir = Path.Combine(_root, "raced");
        Directory.CreateDirectory(_root);
        File.WriteAllText(RunLock.PathFor(dir), "999999999");
        using var start = new Barrier(8);
        var held = 0;
        var maxHeld = 0;
        var refused = 0;
        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                using var claim = RunLock.Acquire(dir);
                var now = Interlocked.Increment(ref held);
                InterlockedMax(ref maxHeld, now);
                Thread.Sleep(50);
                Interlocked.Decrement(ref held);
            }
            catch (RunConfigException)
            {
                Interlocked.Increment(ref refused);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(1, maxHeld);
        Assert.True(refused >= 1, "the others were refused while it held the lock");
        Assert.False(File.Exists(RunLock.PathFor(dir)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
