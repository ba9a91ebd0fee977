using System.Text.RegularExpressions;
using Astrograd.Data;
using Astrograd.IO;
using Astrograd.Runs;
using Astrograd.Training;
using CsCheck;

namespace Astrograd.Tests.Fuzz;

/// <summary>
/// <c>train --resume</c> on a damaged checkpoint.safetensors: the checkpoint reader gives a checkpoint or a
/// DataException, and a checkpoint whose state holds hostile values (counts, positions, random-stream words,
/// optimizer numbers) resumes or fails with a DataException or a RunConfigException, never a crash.
/// </summary>
public sealed partial class CheckpointFuzzTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "astrograd-fuzz-" + Guid.NewGuid().ToString("N"));
    private readonly DataTable _table = CsvReader.ReadFile(
        Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", "htru2_sample.csv"));

    private readonly byte[] _valid;
    private readonly SafetensorsContents _contents;

    public CheckpointFuzzTests()
    {
        // Adam with dropout and a schedule, stopped after epoch 2 of 4: every part of the state is filled.
        var config = new RunConfig
        {
            Layers = [4],
            Epochs = 4,
            Patience = 0,
            Seed = 3,
            Optimizer = OptimizerKind.Adam,
            LearningRate = 0.01,
            Schedule = ScheduleKind.Cosine,
            Dropout = 0.2,
        };
        var stop = new StopSignal();
        var dir = Path.Combine(_root, "valid");
        Assert.Throws<TrainingInterruptedException>(() => TrainingRun.Run(_table, config, dir,
            onEpoch: e =>
            {
                if (e.Epoch == 2)
                {
                    stop.Request();
                }
            },
            checkpointing: new RunCheckpointing { Stop = stop }));
        _valid = File.ReadAllBytes(Checkpoint.PathIn(dir));
        _contents = SafetensorsFile.Read(Checkpoint.PathIn(dir));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Mutated_checkpoint_files_give_a_checkpoint_or_a_data_error() =>
        Mutations.Of(_valid).Sample(bytes => FuzzOracle.Check(bytes, () => Checkpoint.Read(Place(bytes)),
            typeof(DataException)), seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations, threads: 1);

    [Fact]
    public void Hostile_values_in_the_state_are_refused_or_resumed_never_a_crash()
    {
        var state = _contents.Metadata["state"];
        var tokens = Token().Matches(state);

        Gen.Select(Gen.Int[0, tokens.Count - 1], Gen.OneOf(_hostileValues), (i, value) =>
                state[..tokens[i].Index] + value + state[(tokens[i].Index + tokens[i].Length)..])
            .Sample(edited =>
            {
                var bytes = WithState(edited);
                FuzzOracle.Check(bytes, () => Resume(Place(bytes)), typeof(DataException), typeof(RunConfigException));
            }, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations, threads: 1);
    }

    [Theory]
    [InlineData("\"parameters\":4", "\"parameters\":2000000000")]
    [InlineData("\"parameters\":4", "\"parameters\":-1")]
    [InlineData("\"epochs_done\":2", "\"epochs_done\":-7")]
    [InlineData("\"steps_done\":0", "\"steps_done\":2000000000")]
    [InlineData("\"best_epoch\":", "\"best_epoch\":99,\"x\":")]
    public void A_forged_count_or_position_is_refused_naming_the_checkpoint(string valid, string forged)
    {
        var state = _contents.Metadata["state"];
        Assert.Contains(valid, state, StringComparison.Ordinal);
        var dir = Place(WithState(state.Replace(valid, forged, StringComparison.Ordinal)));

        var error = Assert.Throws<DataException>(() => Resume(dir));

        Assert.StartsWith(Checkpoint.PathIn(dir) + ": not a readable astrograd checkpoint (", error.Message,
            StringComparison.Ordinal);
    }

    private static readonly string[] _hostileValues =
        ["null", "0", "-1", "2147483647", "-2147483648", "18446744073709551615", "1e300", "\"NaN\"", "\"-Infinity\"",
            "\"\"", "[]", "[null]", "{}", "\"x\"", "true", "1.5", "[1,2,3]", "{\"a\":\"1\"}"];

    private void Resume(string dir)
    {
        var checkpoint = Checkpoint.Read(dir);
        TrainingRun.Run(_table, checkpoint.Config, dir, checkpointing: new RunCheckpointing { Resume = checkpoint });
    }

    private byte[] WithState(string state)
    {
        var metadata = new Dictionary<string, string>(_contents.Metadata) { ["state"] = state };
        using var stream = new MemoryStream();
        SafetensorsFile.Write(stream, _contents.Tensors, metadata);
        return stream.ToArray();
    }

    private string Place(byte[] bytes)
    {
        var dir = Path.Combine(_root, "case");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Checkpoint.PathIn(dir), bytes);
        return dir;
    }

    // A value of the state's JSON: a number, a string, or the opening of an array or object.
    [GeneratedRegex(@"-?\d+(\.\d+)?(E[-+]?\d+)?|""[^""]*""|\[|\{|true|false|null")]
    private static partial Regex Token();
}
