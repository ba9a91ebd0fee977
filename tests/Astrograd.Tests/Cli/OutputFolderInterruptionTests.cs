namespace Astrograd.Tests.Cli;

/// <summary>
/// search and lr-sweep interrupted in a child process: SIGINT or SIGTERM stops them with one line that says what
/// was stopped and that nothing was written, exit 130 or 143, and nothing under the --out name (no folder, no lock);
/// the same --out then works. A second signal quits at once, and the next run on the folder removes what it left.
/// </summary>
public sealed class OutputFolderInterruptionTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    // Two trials long enough (a few seconds each) that the best one's second training is still going when the
    // signal comes.
    private string[] LongSearch(string data, string dir) =>
        ["search", "--data", data, "--layers", "64,64", "--lrs", "0.01,0.02", "--epochs", "1500", "--patience", "0",
            "--batch", "8", "--no-plots", "--out", dir];

    // Every entry of the folder's parent that carries its name: the folder, its lock, its temporaries.
    private static string[] Traces(string dir) =>
        [.. Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(dir)!)
            .Select(Path.GetFileName).Where(n => n!.Contains(Path.GetFileName(dir), StringComparison.Ordinal))
            .Select(n => n!)];

    [Fact]
    public void Sigint_after_the_trials_stops_the_search_in_one_line_writes_nothing_and_frees_the_out_folder()
    {
        var data = _work.Htru2(400);
        var dir = _work.PathOf("searched");
        using var child = ChildRun.Start(LongSearch(data, dir));

        child.WaitUntil(() => child.Stdout.Contains("(2/2)", StringComparison.Ordinal), "both trials");
        child.Signal("INT");
        var code = child.WaitForExit();

        Assert.True(code == 130, $"exit code {code}: {child.Stderr}");
        Assert.Equal($"astrograd search: SIGINT: stopped the search after 2 of 2 trials, while training the best " +
            $"one again; nothing was written to '{dir}'", child.Stderr.TrimEnd());
        Assert.Empty(Traces(dir));
        var again = CliHarness.Run("search", "--data", data, "--layers", "4", "--epochs", "2", "--no-plots", "--json",
            "--out", dir);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.True(File.Exists(Path.Combine(dir, "best", "model.json")));
    }

    [Fact]
    public void Sigterm_stops_a_sweep_in_one_line_with_exit_143_and_writes_nothing()
    {
        var data = _work.Htru2(400);
        var dir = _work.PathOf("swept");
        using var child = ChildRun.Start("lr-sweep", "--data", data, "--layers", "64,64", "--lrs", "0.01,0.02",
            "--epochs", "3000", "--batch", "8", "--out", dir);

        child.WaitUntil(() => child.Stdout.Contains("training rows", StringComparison.Ordinal), "training");
        child.Signal("TERM");
        var code = child.WaitForExit();

        Assert.True(code == 143, $"exit code {code}: {child.Stderr}");
        Assert.Equal($"astrograd lr-sweep: SIGTERM: stopped the learning-rate sweep after 0 of 2 rates; nothing was " +
            $"written to '{dir}'", child.Stderr.TrimEnd());
        Assert.Empty(Traces(dir));
    }

    [Fact]
    public void A_second_sigint_quits_at_once_and_the_next_run_on_the_folder_removes_what_was_left()
    {
        var data = _work.Htru2(400);
        var dir = _work.PathOf("twice");
        using var child = ChildRun.Start(LongSearch(data, dir));

        child.WaitUntil(() => child.Stdout.Contains("(2/2)", StringComparison.Ordinal), "both trials");
        child.Signal("INT");
        child.Signal("INT");
        var code = child.WaitForExit();

        // However the two signals fell, nothing half-written is under the folder's name.
        Assert.True(code == 130, $"exit code {code}: {child.Stderr}");
        Assert.False(Directory.Exists(dir), child.Stderr);
        Directory.CreateDirectory(Path.Combine(_work.Root, ".twice.partial-999999999", "best"));
        var again = CliHarness.Run("search", "--data", data, "--layers", "4", "--epochs", "2", "--no-plots", "--json",
            "--out", dir);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(["twice"], Traces(dir));
    }
}
