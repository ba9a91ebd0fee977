using System.Security.Cryptography;
using Astrograd.Cli.Commands;
using Astrograd.Runs;

namespace Astrograd.Tests.Cli;

/// <summary>
/// --data that is not a regular file (a named pipe, as <c>&lt;(cat ok.csv)</c> gives): train, predict and evaluate
/// read a CSV table in one pass; a FITS table, read by seeking, is refused in one line.
/// </summary>
public sealed class PipeDataTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    private string Pipe(string file, string name = "pipe") =>
        NamedPipe.Feed(_work.PathOf(name), File.ReadAllBytes(file));

    [Fact]
    public void Predict_and_evaluate_read_a_pipe_as_they_read_the_file()
    {
        var data = _work.Htru2(200);
        var run = _work.Train(data, "run");

        var fromFile = CliHarness.Run("predict", "--model", run, "--data", data);
        var fromPipe = CliHarness.Run("predict", "--model", run, "--data", Pipe(data));
        var evaluated = CliHarness.Run("evaluate", "--model", run, "--data", Pipe(data), "--json");

        Assert.True(fromPipe.ExitCode == 0, fromPipe.Stderr);
        Assert.Equal(fromFile.Stdout, fromPipe.Stdout);
        Assert.True(evaluated.ExitCode == 0, evaluated.Stderr);
        Assert.Contains("\"accuracy\"", evaluated.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_reads_a_pipe_and_gives_the_model_the_file_gives()
    {
        var data = _work.Htru2(200);
        var fromFile = _work.Train(data, "file");
        var fromPipe = _work.PathOf("pipe-run");

        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", Pipe(data), "--out", fromPipe]));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(fromFile, "weights.safetensors")),
            File.ReadAllBytes(Path.Combine(fromPipe, "weights.safetensors")));
    }

    [Fact]
    public void A_FITS_table_in_a_pipe_is_refused_in_one_line()
    {
        var fits = Path.Combine(AppContext.BaseDirectory, "Data", "Fits", "Fixtures", "htru2_40rows.fits");
        var pipe = Pipe(fits, "pipe.fits");

        var result = CliHarness.Run("train", "--data", pipe);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"astrograd train: error: --data: '{pipe}' is not a regular file (a pipe?), and a FITS table " +
            "is read by seeking to its HDU; save it to a file first\n", result.Stderr);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_fingerprint_taken_while_reading_is_the_files_SHA256(bool pipe)
    {
        var data = _work.Htru2(50);
        var path = pipe ? Pipe(data) : data;

        string hash;
        using (var file = DataFile.Open(path, fingerprint: true, bytesRead: null))
        {
            var head = new byte[100];
            file.ReadExactly(head);
            hash = file.Fingerprint();
        }

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(data))), hash);
        Assert.Equal(Checkpoint.FingerprintOf(data), hash);
    }
}
