using System.Text;
using Astrograd.Data;
using Astrograd.Data.Fits;
using Astrograd.IO;
using Astrograd.NN;
using Astrograd.Runs;
using Astrograd.Training;

namespace Astrograd.Fuzz;

/// <summary>
/// The starting inputs of a campaign, one small valid file per target, made by the library itself (so that nothing
/// binary is committed and the seeds follow the formats as they change).
/// </summary>
internal static class Seeds
{
    private static readonly Lazy<(byte[] Card, byte[] Weights)> _model = new(SaveModel);

    /// <summary>The weights file of the seed model, which the model target puts beside every card it tries.</summary>
    public static byte[] ModelWeights => _model.Value.Weights;

    /// <summary>Writes DIR/csv/, DIR/fits/, ... with one or two inputs each.</summary>
    public static void Write(string root)
    {
        Put(root, "csv", "stars.csv", Encoding.UTF8.GetBytes(
            "ra,dec,g,r,class\n10.5,-3.25,19.1,18.7,STAR\n11,-3,20.3,19.9,QSO\n12.5,nan,,18.2,GALAXY\n"));
        Put(root, "csv", "quoted.csv", Encoding.UTF8.GetBytes(
            "# comment\n\"name, with comma\";z\n\"says \"\"hi\"\"\";1e-3\n-inf;-9999\n"));
        Put(root, "fits", "table.fits", Fits());
        Put(root, "safetensors", "weights.safetensors", Safetensors());
        Put(root, "model", "model.json", _model.Value.Card);
        Put(root, "checkpoint", "checkpoint.safetensors", Checkpoint());
    }

    private static void Put(string root, string target, string name, byte[] bytes)
    {
        var folder = Path.Combine(root, target);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name), bytes);
    }

    private static byte[] Fits()
    {
        using var stream = new MemoryStream();
        FitsWriter.Write(stream,
        [
            FitsWriteColumn.Double("Z", [0.1, double.NaN, 2.5]),
            FitsWriteColumn.Int32("N", [1, -99, 3], nullValue: -99),
            FitsWriteColumn.Text("CLASS", ["STAR", "QSO", null]),
            FitsWriteColumn.Logical("OK", [true, false, null]),
        ], "CAT");
        return stream.ToArray();
    }

    private static byte[] Safetensors()
    {
        using var stream = new MemoryStream();
        SafetensorsFile.Write(stream,
        [
            SafetensorsTensor.FromSingles("w", [2, 2], [1, 2, 3, 4]),
            SafetensorsTensor.FromDoubles("b", [2], [0.5, -0.5]),
            SafetensorsTensor.FromRaw("mask", SafetensorsDType.U8, [3], [1, 0, 1]),
        ], new Dictionary<string, string> { ["format"] = "pt" });
        return stream.ToArray();
    }

    private static (byte[] Card, byte[] Weights) SaveModel()
    {
        var card = new ModelCard
        {
            Task = "binary",
            Target = "class",
            Features = ["a", "b"],
            Classes = ["0", "1"],
            Architecture = new ArchitectureCard { Inputs = 2, Hidden = [3], Outputs = 1, Activation = "tanh" },
            Standardization = new StandardizationCard { Mean = [0.5, 1], Std = [2, 1] },
            Loss = "bce",
            Reduction = "mean",
        };
        var dir = Path.Combine(Path.GetTempPath(), $"astrograd-fuzz-seed-{Environment.ProcessId}");
        try
        {
            new TrainedModel(new Mlp<float>(new MlpSpec(2, [3], 1), new Rng(5)), card).Save(dir);
            return (File.ReadAllBytes(Path.Combine(dir, TrainedModel.CardFile)),
                File.ReadAllBytes(Path.Combine(dir, TrainedModel.WeightsFile)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // A run over 40 synthetic rows with Adam, dropout and a schedule, stopped after its first epoch.
    private static byte[] Checkpoint()
    {
        var rng = new Rng(3);
        var x = Enumerable.Range(0, 40).Select(_ => rng.NextUniform(-1, 1)).ToArray();
        var table = new DataTable(
        [
            DataColumn.Numeric("x", x),
            DataColumn.Numeric("class", [.. x.Select(v => v > 0 ? 1.0 : 0.0)]),
        ]);
        var config = new RunConfig
        {
            Layers = [3],
            Epochs = 3,
            Patience = 0,
            Optimizer = OptimizerKind.Adam,
            Schedule = ScheduleKind.Cosine,
            Dropout = 0.2,
        };
        var stop = new StopSignal();
        var dir = Path.Combine(Path.GetTempPath(), $"astrograd-fuzz-run-{Environment.ProcessId}");
        try
        {
            TrainingRun.Run(table, config, dir, onEpoch: _ => stop.Request(),
                checkpointing: new RunCheckpointing { Stop = stop });
        }
        catch (TrainingInterruptedException)
        {
            return File.ReadAllBytes(Runs.Checkpoint.PathIn(dir));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        throw new InvalidOperationException("the seed run was not interrupted");
    }
}
