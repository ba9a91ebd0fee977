using Astrograd.Data;
using Astrograd.Runs;
using Astrograd.Training;

namespace Astrograd.Tests.Cli;

/// <summary><c>train --resume</c> in-process, from a checkpoint made by a run stopped before its first step.</summary>
public sealed class ResumeCommandTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    // A checkpoint of a run over `data` that stopped before its first step, as the CLI would have written it (with
    // the config.toml text `recorded`, if any).
    private string Stopped(string data, string name, string? recorded = null)
    {
        var dir = _work.PathOf(name);
        var stop = new StopSignal();
        stop.Request();
        var config = new RunConfig { DataPath = data, Layers = [8], Epochs = 5, Seed = 3 };
        Assert.Throws<TrainingInterruptedException>(() => TrainingRun.Run(CsvReader.ReadFile(data), config, dir,
            checkpointing: new RunCheckpointing
            {
                Stop = stop,
                DataFingerprint = Checkpoint.FingerprintOf(data),
                ConfigToml = recorded,
            }));
        return dir;
    }

    private static bool HasPlots(string dir) => Directory.EnumerateFiles(dir, "*.png").Any();

    [Fact]
    public void Resume_honours_a_recorded_no_plots_unless_the_resume_line_gives_it_again()
    {
        var data = _work.Htru2(200);
        const string Recorded = "# The options of this run of 'astrograd train'\nepochs = 5\nno-plots = true\n";
        var quiet = Stopped(data, "quiet", Recorded);
        var drawn = Stopped(data, "drawn", Recorded);
        var plain = Stopped(data, "plain", "epochs = 5\nno-plots = false\n");

        var honoured = CliHarness.Run("train", "--resume", quiet, "--json");
        var overridden = CliHarness.Run("train", "--resume", drawn, "--json", "--no-plots", "false");
        var recordedOff = CliHarness.Run("train", "--resume", plain, "--json");

        Assert.True(honoured.ExitCode == 0, honoured.Stderr);
        Assert.True(overridden.ExitCode == 0, overridden.Stderr);
        Assert.True(recordedOff.ExitCode == 0, recordedOff.Stderr);
        Assert.False(HasPlots(quiet), "no-plots = true was recorded");
        Assert.True(File.Exists(Path.Combine(quiet, "report.html")));
        Assert.True(HasPlots(drawn), "--no-plots false on the resume line wins");
        Assert.True(HasPlots(plain));
        Assert.Equal(Recorded, File.ReadAllText(Path.Combine(quiet, "config.toml")));
    }

    [Fact]
    public void Resume_continues_with_the_checkpoint_options_and_the_threads_given()
    {
        var data = _work.Htru2(200);
        var dir = Stopped(data, "stopped");

        var result = CliHarness.Run("train", "--resume", dir, "--threads", "1", "--json", "--no-plots");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(dir, "history.csv")).Length - 1);
        Assert.False(File.Exists(Checkpoint.PathIn(dir)));
    }

    [Fact]
    public void Resume_refuses_a_data_file_that_changed_since_the_checkpoint()
    {
        var data = _work.Htru2(200);
        var dir = Stopped(data, "stopped");
        File.AppendAllText(data, File.ReadLines(data).Skip(1).First() + "\n");

        var result = CliHarness.Run("train", "--resume", dir);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"astrograd train: error: --resume: the data file '{Path.GetFullPath(data)}' is missing or has " +
            "changed since the checkpoint was written (its SHA-256 differs); a resume needs the same table",
            result.Stderr.TrimEnd());
        Assert.True(File.Exists(Checkpoint.PathIn(dir)), "the checkpoint is kept");
    }
}
