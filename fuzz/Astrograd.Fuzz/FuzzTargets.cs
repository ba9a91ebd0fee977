using Astrograd.Data;
using Astrograd.Data.Fits;
using Astrograd.IO;
using Astrograd.Runs;

namespace Astrograd.Fuzz;

/// <summary>A reader's own refusal of an input (its error type with a message): the outcome every bad input must
/// have. Anything else a target throws is a crash for AFL.</summary>
internal sealed class ExpectedRefusal(Exception inner) : Exception(inner.Message, inner);

/// <summary>
/// The fuzz targets: each takes the bytes of one file and reads them as the product does, turning the reader's own
/// error (with a non-empty message) into <see cref="ExpectedRefusal"/> and letting every other exception escape.
/// </summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = ["csv", "fits", "safetensors", "model", "checkpoint"];

    public static Action<byte[]> Get(string name) => name switch
    {
        "csv" => bytes => Refused<DataException>(() => CsvReader.Read(new MemoryStream(bytes), source: "fuzz.csv")),
        "fits" => bytes => Refused<DataException>(() => FitsReader.Read(new MemoryStream(bytes), source: "f.fits")),
        "safetensors" => bytes => Refused<SafetensorsException>(() =>
            SafetensorsFile.Read(new MemoryStream(bytes), "fuzz.safetensors")),
        "model" => Model,
        "checkpoint" => Checkpoint,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such target"),
    };

    // The bytes as model.json beside a valid weights file, then a prediction on a two-column table.
    private static void Model(byte[] bytes) => InFolder(dir =>
    {
        File.WriteAllBytes(Path.Combine(dir, TrainedModel.CardFile), bytes);
        File.WriteAllBytes(Path.Combine(dir, TrainedModel.WeightsFile), Seeds.ModelWeights);
        var table = new DataTable([DataColumn.Numeric("a", [1, 2]), DataColumn.Numeric("b", [0.5, -1])]);
        Refused<DataException>(() => TrainedModel.Load(dir).PredictRaw(table));
    });

    // The bytes as checkpoint.safetensors, read as train --resume reads it.
    private static void Checkpoint(byte[] bytes) => InFolder(dir =>
    {
        File.WriteAllBytes(Runs.Checkpoint.PathIn(dir), bytes);
        Refused<DataException>(() => Runs.Checkpoint.Read(dir));
    });

    private static void Refused<TError>(Action read)
        where TError : Exception
    {
        try
        {
            read();
        }
        catch (Exception e) when (e is TError or SafetensorsException && !string.IsNullOrWhiteSpace(e.Message))
        {
            throw new ExpectedRefusal(e);
        }
    }

    private static void InFolder(Action<string> use)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"astrograd-fuzz-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            use(dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
