using Astrograd.Cli.Commands;
using Astrograd.IO;
using Astrograd.Runs;

namespace Astrograd.Tests.Cli;

/// <summary>
/// Files and folders the commands write: predict never writes over its own --data, graph keeps an existing file
/// unless --force as predict and export do, and a folder that cannot be written is named, with its option, before
/// any work.
/// </summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly CliWorkspace _work = new();
    private readonly List<string> _readOnly = [];

    public void Dispose()
    {
        foreach (var folder in _readOnly)
        {
            ReadOnlyFolder.Release(folder);
        }

        _work.Dispose();
    }

    // A read-only folder under the workspace; null when this system cannot make one (root without chattr).
    private string? ReadOnly(string name)
    {
        var folder = _work.PathOf(name);
        Directory.CreateDirectory(folder);
        _readOnly.Add(folder);
        return ReadOnlyFolder.Make(folder) ? folder : null;
    }

    [Fact]
    public void Predict_refuses_to_write_over_its_data_file_by_any_name_even_with_force()
    {
        var data = _work.Htru2(200);
        var run = _work.Train(data, "run");
        var before = File.ReadAllBytes(data);
        Directory.CreateDirectory(_work.PathOf("sub"));
        File.CreateSymbolicLink(_work.PathOf("sub/link.csv"), data);
        Directory.CreateSymbolicLink(_work.PathOf("sub/up"), _work.Root);

        string[] outs = [data, _work.PathOf("sub/../htru2.csv"), _work.PathOf("sub/link.csv"),
            _work.PathOf("sub/up/htru2.csv")];
        foreach (var o in outs)
        {
            var result = CliHarness.Run("predict", "--model", run, "--data", data, "--out", o, "--force");

            Assert.Equal(2, result.ExitCode);
            Assert.Equal($"astrograd predict: error: --out: '{o}' is the --data file; writing there would replace " +
                "the table the predictions are made from: give another file name\n", result.Stderr);
        }

        Assert.Equal(before, File.ReadAllBytes(data));
        Assert.True(OutputFile.SameFile(_work.PathOf("sub/link.csv"), _work.PathOf("sub/up/sub/link.csv")));
        Assert.False(OutputFile.SameFile(data, _work.Write("other.csv", "a\n1\n")));
    }

    [Fact]
    public void Graph_keeps_an_existing_dot_or_svg_file_unless_force()
    {
        var svg = _work.Write("graph.svg", "precious");
        var dot = _work.Write("graph.dot", "precious");

        var kept = CliHarness.Run("graph", "x*y", "--at", "x=2,y=3", "--svg", svg);
        var keptDot = CliHarness.Run("graph", "x*y", "--at", "x=2,y=3", "--dot", dot);
        var replaced = CliHarness.Run("graph", "x*y", "--at", "x=2,y=3", "--svg", svg, "--dot", dot, "--force");

        Assert.Equal(2, kept.ExitCode);
        Assert.Equal($"astrograd graph: error: --svg: '{svg}' already exists; give another file name, or --force " +
            "to replace it\n", kept.Stderr);
        Assert.Equal(2, keptDot.ExitCode);
        Assert.True(replaced.ExitCode == 0, replaced.Stderr);
        Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
        Assert.Contains("digraph", File.ReadAllText(dot), StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_only_folder_is_named_with_its_option_before_any_work()
    {
        var data = _work.Htru2(200);
        var run = _work.Train(data, "run");
        if (ReadOnly("ro") is not { } ro)
        {
            return;
        }

        (string[] Args, string Option, string Path)[] cases =
        [
            (["train", "--data", data, "--out", $"{ro}/run"], "--out", $"{ro}/run"),
            (["train", "--data", data, "--out", $"{ro}/new/deeper/run"], "--out", $"{ro}/new/deeper/run"),
            (["lr-sweep", "--data", data, "--lrs", "0.1", "--out", $"{ro}/sweep"], "--out", $"{ro}/sweep"),
            (["search", "--data", data, "--lrs", "0.1", "--out", $"{ro}/search"], "--out", $"{ro}/search"),
            (["predict", "--model", run, "--data", data, "--out", $"{ro}/p.fits"], "--out", $"{ro}/p.fits"),
            (["export", "--model", run, "--onnx", $"{ro}/m.onnx"], "--onnx", $"{ro}/m.onnx"),
            (["graph", "x", "--at", "x=1", "--dot", $"{ro}/g.dot"], "--dot", $"{ro}/g.dot"),
        ];
        foreach (var (args, option, path) in cases)
        {
            var result = CliHarness.Run(args[0] is "train" or "lr-sweep" or "search" ? CliWorkspace.WithTiny(args)
                : args);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal($"astrograd {args[0]}: error: {option}: cannot write '{path}': the folder '{ro}' cannot be " +
                "written (permission denied); nothing was changed\n", result.Stderr);
            Assert.Empty(result.Console + result.Stdout);
        }

        Assert.Empty(Directory.GetFileSystemEntries(ro));
    }

    [Fact]
    public void Resuming_a_run_in_a_read_only_folder_is_refused_before_training_resumes()
    {
        var data = _work.Htru2(200);
        var stop = new Astrograd.Training.StopSignal();
        stop.Request();
        var stopped = _work.PathOf("stopped");
        Assert.Throws<TrainingInterruptedException>(() => TrainingRun.Run(
            Astrograd.Data.CsvReader.ReadFile(data),
            new RunConfig { DataPath = data, Layers = [4], Epochs = 3 }, stopped,
            checkpointing: new RunCheckpointing { Stop = stop, DataFingerprint = Checkpoint.FingerprintOf(data) }));
        _readOnly.Add(stopped);
        if (!ReadOnlyFolder.Make(stopped))
        {
            return;
        }

        var result = CliHarness.Run("train", "--resume", stopped);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"astrograd train: error: --resume: the folder '{stopped}' cannot be written (permission " +
            "denied); nothing was changed\n", result.Stderr);
        Assert.DoesNotContain("epoch", result.Console + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_atomic_write_that_fails_names_the_file_and_folder_not_its_temporary_file()
    {
        if (ReadOnly("ro") is not { } ro)
        {
            return;
        }

        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(Path.Combine(ro, "a.txt"), "x"));

        Assert.Equal($"cannot write '{ro}/a.txt': the folder '{ro}' cannot be written (permission denied)", e.Message);
        Assert.DoesNotContain(".tmp", e.Message, StringComparison.Ordinal);
    }
}
