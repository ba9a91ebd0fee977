using Astrograd.Data;
using Astrograd.Onnx;
using Astrograd.Runs;
using Astrograd.Tests.Cli;
using Astrograd.Training;
using Xunit.Abstractions;

namespace Astrograd.Tests.Onnx;

/// <summary>The tables every export test trains on, written once.</summary>
public sealed class OnnxTables : IDisposable
{
    private readonly CliWorkspace _work = new();

    public OnnxTables()
    {
        Binary = _work.Htru2(200);
        Multiclass = _work.Multiclass(150);
        Regression = _work.Regression(150);
    }

    public string Binary { get; }

    public string Multiclass { get; }

    public string Regression { get; }

    internal CliWorkspace Work => _work;

    public void Dispose() => _work.Dispose();
}

/// <summary>
/// For every activation and every task, a small trained model exported to ONNX gives in ONNX Runtime what predict
/// gives: the same probabilities or values (max abs difference ≤ 1e-5) and the same classes.
/// </summary>
public sealed class OnnxExportTests(OnnxTables tables, ITestOutputHelper log) : IClassFixture<OnnxTables>
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var activation in ActivationExtensions.Names)
        {
            foreach (var task in new[] { "binary", "multiclass", "regression" })
            {
                cases.Add(activation, task);
            }
        }

        return cases;
    }

    [Fact]
    public void Every_activation_of_the_library_is_in_the_cases()
    {
        Assert.Equal(Enum.GetValues<Activation>().Length, ActivationExtensions.Names.Count);
        Assert.Equal(Enum.GetValues<Activation>().Length * 3, Cases().Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_exported_model_scores_in_onnx_runtime_as_predict_does(string activation, string task)
    {
        var data = task switch
        {
            "binary" => tables.Binary,
            "multiclass" => tables.Multiclass,
            _ => tables.Regression,
        };
        var run = tables.Work.Train(data, $"{task}_{activation}", "--activation", activation, "--layers", "6,5",
            "--epochs", "3");
        var model = TrainedModel.Load(run);
        var table = CsvReader.ReadFile(data);
        var raw = model.PredictRaw(table);
        var outputs = model.Card.Architecture.Outputs;

        var onnx = OnnxRuntimeHarness.Run(OnnxExporter.Build(model), RawFeatures(model, table),
            model.Card.Features.Count);

        if (model.Task == TaskKind.Regression)
        {
            var values = raw.Select(v => (double)v).ToArray();
            var diff = OnnxRuntimeHarness.MaxAbsDiff(values, onnx.Floats[OnnxExporter.PredictionName]);
            log.WriteLine($"{activation} {task}: max abs diff {diff:G3}");
            Assert.True(diff <= Tolerance, $"max abs diff {diff}");
            return;
        }

        var expected = Evaluation.Probabilities<float>(raw, outputs);
        var probabilities = outputs == 1
            ? [.. expected.SelectMany(p => new[] { 1 - p, p })]
            : expected;
        var actual = onnx.Floats[OnnxExporter.ProbabilitiesName];
        var maxDiff = OnnxRuntimeHarness.MaxAbsDiff(probabilities, actual);
        log.WriteLine($"{activation} {task}: max abs diff {maxDiff:G3}");
        Assert.True(maxDiff <= Tolerance, $"max abs diff {maxDiff}");
        var classes = Evaluation.PredictClasses<float>(raw, outputs).Select(k => (long)k);
        Assert.Equal(classes, onnx.Longs[OnnxExporter.ClassIndexName]);
    }

    [Fact]
    public void An_unknown_activation_is_refused_naming_it()
    {
        var g = new OnnxGraph();

        var e = Assert.Throws<NotSupportedException>(() => OnnxActivations.Apply(g, (Activation)99, "x"));

        Assert.Contains("activation 99", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The model's feature columns as float32 rows, unstandardised: what an ONNX user feeds.</summary>
    internal static float[] RawFeatures(TrainedModel model, DataTable table)
    {
        var columns = table.IndicesOf(model.Card.Features.Select(ColumnRef.FromName));
        return [.. table.ToRowMajor(columns).Select(v => (float)v)];
    }
}
