using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Astrograd.Data;
using Astrograd.IO;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>
/// A training run caught between two steps, as <c>checkpoint.safetensors</c> in its run directory: the run's
/// options, the data file's SHA-256, and the whole <see cref="TrainerState{T}"/>. One file, written atomically
/// (temporary file, flush, rename), so that a process killed at any moment leaves the previous checkpoint or the
/// new one, never half of one.
/// </summary>
/// <remarks>
/// Tensors: <c>weights.{i}</c> and <c>best.{i}</c> per parameter (by position), <c>optimizer.{key}</c> per
/// optimizer buffer. Metadata (strings): <c>format</c>, <c>format_version</c>, <c>config</c> (the
/// <see cref="RunConfig"/> as JSON), <c>checkpoint_every</c>, <c>data_sha256</c>, <c>hdu</c> and <c>state</c>
/// (JSON; every double written as round-trip text, so NaN and ∞ survive and no bit is lost).
/// </remarks>
public sealed class Checkpoint
{
    /// <summary>The checkpoint's file name inside the run directory.</summary>
    public const string FileName = "checkpoint.safetensors";

    /// <summary>The <c>format</c> metadata value.</summary>
    public const string Format = "astrograd.checkpoint";

    /// <summary>The <c>format_version</c> this code writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The run's options (a data path made absolute, so that a resume from elsewhere finds it).</summary>
    public required RunConfig Config { get; init; }

    /// <summary>Epochs between checkpoints (0: only when interrupted).</summary>
    public int Every { get; init; }

    /// <summary>Lower-case hex SHA-256 of the data file; empty for an embedded dataset.</summary>
    public string DataFingerprint { get; init; } = string.Empty;

    /// <summary>The FITS HDU the data was read from (--hdu), or null.</summary>
    public string? Hdu { get; init; }

    /// <summary>Where training stood.</summary>
    public required TrainerState<float> State { get; init; }

    /// <summary>The checkpoint file of <paramref name="runDirectory"/>.</summary>
    public static string PathIn(string runDirectory) => Path.Combine(runDirectory, FileName);

    /// <summary>The lower-case hex SHA-256 of the file at <paramref name="path"/>; empty for null.</summary>
    public static string FingerprintOf(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return string.Empty;
        }

        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The run's configuration as the command line recorded it (config.toml), kept so that a resumed run
    /// records the options it was started with; null when none was given.</summary>
    public string? ConfigToml { get; init; }

    /// <summary>Writes the checkpoint into <paramref name="runDirectory"/> (created if needed), atomically.
    /// </summary>
    public void Write(string runDirectory)
    {
        Directory.CreateDirectory(runDirectory);
        var tensors = new List<SafetensorsTensor>();
        for (var i = 0; i < State.Weights.Count; i++)
        {
            var n = State.Weights[i].Length;
            tensors.Add(SafetensorsTensor.FromSingles(Key("weights", i), [n], State.Weights[i]));
            tensors.Add(SafetensorsTensor.FromSingles(Key("best", i), [n], State.BestWeights[i]));
        }

        foreach (var (key, tensor) in State.Optimizer.Tensors)
        {
            tensors.Add(SafetensorsTensor.FromSingles("optimizer." + key, tensor.Shape.Dims, tensor.ToArray()));
        }

        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["format_version"] = FormatVersion.ToString(CultureInfo.InvariantCulture),
            ["astrograd_version"] = AstrogradInfo.Version,
            ["config"] = JsonSerializer.Serialize(Config, CheckpointJsonContext.Default.RunConfig),
            ["checkpoint_every"] = Every.ToString(CultureInfo.InvariantCulture),
            ["data_sha256"] = DataFingerprint,
            ["hdu"] = Hdu ?? string.Empty,
            ["state"] = CheckpointState.ToJson(State),
        };
        if (ConfigToml is not null)
        {
            metadata["config_toml"] = ConfigToml;
        }

        SafetensorsFile.Write(PathIn(runDirectory), tensors, metadata);
    }

    /// <summary>Reads the checkpoint of <paramref name="runDirectory"/>.</summary>
    /// <exception cref="DataException">The file is damaged, of another format version, or inconsistent.
    /// </exception>
    public static Checkpoint Read(string runDirectory)
    {
        var path = PathIn(runDirectory);
        try
        {
            var contents = SafetensorsFile.Read(path);
            var meta = contents.Metadata;
            if (!meta.TryGetValue("format", out var format) || format != Format)
            {
                throw new FormatException("it is not an astrograd checkpoint (no 'format' of " + Format + ")");
            }

            if (Text(meta, "format_version") != FormatVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw new FormatException($"format version {Text(meta, "format_version")}, this astrograd reads " +
                    FormatVersion.ToString(CultureInfo.InvariantCulture));
            }

            var config = JsonSerializer.Deserialize(Text(meta, "config"), CheckpointJsonContext.Default.RunConfig)
                ?? throw new FormatException("the config is empty");
            var tensors = contents.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
            var hdu = Text(meta, "hdu");
            var state = CheckpointState.FromJson(Text(meta, "state"), tensors);
            if (state.EpochsDone >= config.Epochs)
            {
                // A run stopped after its last epoch finished is written as a finished run, never as a checkpoint.
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"epochs_done {state.EpochsDone} leaves none of the run's {config.Epochs} epochs to train"));
            }

            return new Checkpoint
            {
                Config = config,
                Every = int.Parse(Text(meta, "checkpoint_every"), NumberStyles.None, CultureInfo.InvariantCulture),
                DataFingerprint = Text(meta, "data_sha256"),
                Hdu = hdu.Length == 0 ? null : hdu,
                State = state,
                ConfigToml = meta.TryGetValue("config_toml", out var toml) ? toml : null,
            };
        }
        catch (Exception e) when (e is SafetensorsException or JsonException or FormatException or OverflowException
            or KeyNotFoundException or InvalidOperationException or ArgumentException or IOException)
        {
            throw Unusable(runDirectory, e.Message);
        }
    }

    /// <summary>The error of a checkpoint in <paramref name="runDirectory"/> that cannot be resumed, and why.
    /// </summary>
    internal static DataException Unusable(string runDirectory, string why) =>
        DataException.At($"not a readable astrograd checkpoint ({OneLine(why)}); it cannot be resumed: train " +
            "again with a new --out", PathIn(runDirectory));

    internal static string Key(string kind, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}.{index}");

    private static string Text(IReadOnlyDictionary<string, string> meta, string key) =>
        meta.TryGetValue(key, out var value) ? value : throw new FormatException($"no '{key}' in its metadata");

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").TrimEnd('.');
}

/// <summary>Source-generated JSON for the run options a checkpoint holds (no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunConfig))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
