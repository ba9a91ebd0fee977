using Astrograd.Runs;

namespace Astrograd.Tests.Cli;

/// <summary>
/// The reference runs the interruption tests compare with, trained in-process without interruption. Each child
/// run below is given the same options and is stopped a few epochs into 200, long before it could finish (60
/// epochs took 0.7 s in a Debug build: too short a window for a loaded machine to deliver the signal in).
/// </summary>
public sealed class InterruptionFixture : IDisposable
{
    private readonly CliWorkspace _work = new();
    private readonly Dictionary<string, string> _references = [];

    public InterruptionFixture()
    {
        Data = _work.Htru2(400);
    }

    public string Data { get; }

    public string PathOf(string name) => _work.PathOf(name);

    /// <summary>The options of run <paramref name="kind"/>: 200 epochs of 35 steps, no early stopping.</summary>
    public string[] Options(string kind) =>
    [
        "train", "--data", Data, "--layers", "64,64", "--epochs", "200", "--patience", "0", "--batch", "8",
        "--json", "--no-plots",
        .. kind == "adam" ? ["--optimizer", "adam", "--lr", "0.003", "--schedule", "cosine", "--dropout", "0.2"]
            : Array.Empty<string>(),
    ];

    /// <summary>The run directory of an uninterrupted run of <paramref name="kind"/>.</summary>
    public string Reference(string kind)
    {
        lock (_references)
        {
            if (!_references.TryGetValue(kind, out var dir))
            {
                dir = _work.PathOf("reference-" + kind);
                var result = CliHarness.Run([.. Options(kind), "--out", dir]);
                Assert.True(result.ExitCode == 0, result.Stderr);
                _references[kind] = dir;
            }

            return dir;
        }
    }

    public void Dispose() => _work.Dispose();
}

/// <summary>
/// Item 1 and 2 of issue 8 end to end: the CLI runs in a child process that is killed (SIGKILL) or sent SIGINT or
/// SIGTERM mid-way; what it leaves is complete, and <c>train --resume</c> ends with the same weight file bytes and
/// history as a run that was never stopped.
/// </summary>
public sealed class InterruptionTests(InterruptionFixture fixture) : IClassFixture<InterruptionFixture>
{
    [Fact]
    public void A_run_killed_after_a_checkpoint_resumes_to_the_same_weights_and_history()
    {
        var dir = fixture.PathOf("killed");
        using var child = ChildRun.Start([.. fixture.Options("sgd"), "--checkpoint-every", "1", "--out", dir]);

        child.WaitUntil(() => File.Exists(Checkpoint.PathIn(dir)), "the first checkpoint");
        child.Kill();
        child.WaitForExit();

        Assert.False(File.Exists(Path.Combine(dir, TrainedModel.CardFile)), "killed before the end");
        Assert.InRange(Checkpoint.Read(dir).State.EpochsDone, 1, 199);
        Resume(dir);
        AssertSameRun(fixture.Reference("sgd"), dir);
    }

    [Fact]
    public void Sigint_writes_a_checkpoint_and_a_loadable_best_model_prints_the_resume_command_and_exits_130()
    {
        // No --checkpoint-every: the interruption writes one anyway, in the middle of an epoch.
        var dir = fixture.PathOf("sigint");
        using var child = ChildRun.Start([.. fixture.Options("adam"), "--out", dir]);

        child.WaitUntil(() => child.Stderr.Contains("epoch   2/200", StringComparison.Ordinal), "epoch 2");
        child.Signal("INT");
        var code = child.WaitForExit();

        Assert.True(code == 130, $"exit code {code}: {child.Stderr}");
        Assert.Contains($"resume with: astrograd train --resume {Path.GetFullPath(dir)}", child.Stderr,
            StringComparison.Ordinal);
        var model = TrainedModel.Load(dir);
        Assert.NotNull(model);
        Assert.InRange(Checkpoint.Read(dir).State.EpochsDone, 2, 199);
        Resume(dir);
        AssertSameRun(fixture.Reference("adam"), dir);
    }

    [Fact]
    public void Sigterm_does_the_same_and_exits_143()
    {
        var dir = fixture.PathOf("sigterm");
        using var child = ChildRun.Start([.. fixture.Options("sgd"), "--checkpoint-every", "2", "--out", dir]);

        child.WaitUntil(() => File.Exists(Checkpoint.PathIn(dir)), "the first checkpoint");
        child.Signal("TERM");
        var code = child.WaitForExit();

        Assert.True(code == 143, $"exit code {code}: {child.Stderr}");
        Assert.NotNull(TrainedModel.Load(dir));
        Resume(dir);
        AssertSameRun(fixture.Reference("sgd"), dir);
    }

    [Fact]
    public void Sigint_during_a_multi_start_says_it_writes_nothing_and_writes_nothing()
    {
        var dir = fixture.PathOf("multi");
        using var child = ChildRun.Start([.. fixture.Options("sgd"), "--restarts", "4", "--threads", "1", "--out",
            dir]);

        child.WaitUntil(() => child.Stderr.Contains("epoch", StringComparison.Ordinal), "training to start");
        child.Signal("INT");
        var code = child.WaitForExit();

        Assert.True(code == 130, $"exit code {code}: {child.Stderr}");
        Assert.Contains("a multi-start writes nothing when stopped", child.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("write a checkpoint", child.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir), "nothing is written");
    }

    [Fact]
    public void A_second_sigint_quits_at_once_leaving_only_complete_files()
    {
        var dir = fixture.PathOf("twice");
        using var child = ChildRun.Start([.. fixture.Options("sgd"), "--checkpoint-every", "1", "--out", dir]);

        child.WaitUntil(() => File.Exists(Checkpoint.PathIn(dir)), "the first checkpoint");
        child.Signal("INT");
        child.Signal("INT");
        var code = child.WaitForExit();

        // Whether the second signal came before or after the first was handled, whatever is there is whole.
        Assert.True(code == 130, $"exit code {code}: {child.Stderr}");
        Assert.NotNull(Checkpoint.Read(dir));
        if (File.Exists(Path.Combine(dir, TrainedModel.CardFile)))
        {
            Assert.NotNull(TrainedModel.Load(dir));
        }
    }

    [Fact]
    public void A_second_run_on_the_same_out_is_refused_naming_the_first_and_a_killed_runs_lock_is_taken_over()
    {
        // A run far longer than the test: it is killed, never left to finish.
        var dir = fixture.PathOf("shared-out");
        using var first = ChildRun.Start("train", "--data", fixture.Data, "--layers", "64,64", "--epochs", "100000",
            "--patience", "0", "--batch", "8", "--json", "--no-plots", "--out", dir);
        first.WaitUntil(() => first.Stderr.Contains("epoch", StringComparison.Ordinal), "the first epoch");

        var second = CliHarness.Run("train", "--data", fixture.Data, "--layers", "4", "--epochs", "1", "--out", dir);

        Assert.Equal(2, second.ExitCode);
        Assert.Equal($"astrograd train: error: --out: '{dir}' is being written by process {first.Id} (lock file " +
            $"{RunLock.PathFor(dir)}); wait for it to finish or choose another directory (nothing was changed)",
            second.Stderr.TrimEnd());

        first.Kill();
        first.WaitForExit();
        Assert.True(File.Exists(RunLock.PathFor(dir)), "SIGKILL leaves the lock behind");
        var third = CliHarness.Run("train", "--data", fixture.Data, "--layers", "4", "--epochs", "1", "--out", dir,
            "--json", "--no-plots");
        Assert.True(third.ExitCode == 0, third.Stderr);
        Assert.False(File.Exists(RunLock.PathFor(dir)));
    }

    private static void Resume(string dir)
    {
        var result = CliHarness.Run("train", "--resume", dir, "--json", "--no-plots");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.False(File.Exists(Checkpoint.PathIn(dir)), "a finished run keeps no checkpoint");
    }

    private static void AssertSameRun(string expected, string actual)
    {
        Assert.Equal(File.ReadAllBytes(Path.Combine(expected, TrainedModel.WeightsFile)),
            File.ReadAllBytes(Path.Combine(actual, TrainedModel.WeightsFile)));
        Assert.Equal(File.ReadAllText(Path.Combine(expected, "history.csv")),
            File.ReadAllText(Path.Combine(actual, "history.csv")));
    }
}
