using System.Globalization;
using System.Text;
using Astrograd.Data;
using Astrograd.Onnx;
using Astrograd.Runs;
using Astrograd.Tests.Cli;
using Astrograd.Training;
using Onnx;
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
        Photometry = WritePhotometry(_work, 240);
    }

    public string Binary { get; }

    public string Multiclass { get; }

    public string Regression { get; }

    /// <summary>Magnitudes u, g, r, i, z with sentinels (−99) and empty cells, a redshift-like target z_spec, a
    /// second target z_err and a class; every number is a multiple of 2⁻¹⁰, so that it is the same in float32 and
    /// float64 and the ONNX input loses nothing.</summary>
    public string Photometry { get; }

    internal CliWorkspace Work => _work;

    public void Dispose() => _work.Dispose();

    private static string WritePhotometry(CliWorkspace work, int rows)
    {
        var rng = new Rng(21);
        var sb = new StringBuilder("u,g,r,i,z,z_spec,z_err,class\n");
        for (var row = 0; row < rows; row++)
        {
            var r = rng.NextUniform(17, 22);
            var ug = 1.2 + (0.4 * rng.NextNormal());
            var gr = 0.8 + (0.3 * rng.NextNormal());
            var ri = 0.3 + (0.15 * rng.NextNormal());
            var iz = 0.2 + (0.1 * rng.NextNormal());
            double[] bands = [r + gr + ug, r + gr, r, r - ri, r - ri - iz];
            var zSpec = 0.1 + (0.3 * gr) + (0.2 * ug) + (0.02 * rng.NextNormal());
            var zErr = 0.02 + (0.01 * (r - 17)) + (0.002 * rng.NextNormal());
            var cells = bands.Concat([zSpec, zErr]).Select(v => Exact(v)).ToArray();
            if (row % 11 == 3)
            {
                cells[0] = "-99";
            }

            if (row % 17 == 5)
            {
                cells[3] = string.Empty;
            }

            sb.Append(string.Join(',', cells)).Append(ug > 1.2 ? ",QSO\n" : ",STAR\n");
        }

        return work.Write("photometry.csv", sb.ToString());
    }

    private static string Exact(double v) =>
        (Math.Round(v * 1024) / 1024).ToString("R", CultureInfo.InvariantCulture);
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

        AssertScoresAsPredict(model, raw, onnx, $"{activation} {task}");
    }

    public static TheoryData<string, string[]> PreprocessingCases() => new()
    {
        { "l2, two targets (standardised)", ["--target", "z_spec,z_err", "--features", "g,r,z"] },
        {
            "gaussian-nll, two targets, colours, sentinels, imputed",
            ["--target", "z_spec,z_err", "--loss", "gaussian-nll", "--colors", "u,g,r,i,z", "--features", "r",
                "--missing", "-99", "--on-missing", "impute"]
        },
        {
            "student-t, one target, imputed magnitudes",
            ["--target", "z_spec", "--features", "u,g,r,i,z", "--loss", "student-t", "--missing", "-99",
                "--on-missing", "impute"]
        },
        {
            "binary, colours, sentinels, imputed",
            ["--target", "class", "--colors", "u,g,r,i,z", "--missing", "-99", "--on-missing", "impute"]
        },
        {
            "binary, colours without imputation (complete rows)",
            ["--target", "class", "--colors", "g,r,i,z", "--features", "r", "--missing", "-99", "--on-missing", "drop"]
        },
    };

    [Theory]
    [MemberData(nameof(PreprocessingCases))]
    public void A_model_with_preprocessing_or_several_heads_takes_the_raw_columns_and_scores_as_predict_does(
        string name, string[] options)
    {
        var folder = new string([.. name.Where(char.IsAsciiLetterOrDigit)]);
        var run = tables.Work.Train(tables.Photometry, folder,
            [.. options, "--layers", "6,5", "--epochs", "3", "--activation", "gelu"]);
        var model = TrainedModel.Load(run);
        var table = CsvReader.ReadFile(tables.Photometry);
        if (model.Recipe.Policy != MissingPolicy.Impute)
        {
            // predict refuses a row with a missing value; the graph would give NaN for it.
            table = CsvReader.ReadFile(tables.Work.Rows(tables.Photometry,
                Enumerable.Range(0, table.RowCount).Where(r => r % 11 != 3 && r % 17 != 5), $"{folder}.csv"));
        }

        var raw = model.PredictRaw(table);
        var proto = OnnxExporter.Build(model);
        var columns = OnnxFeatures.InputColumns(model);
        var onnx = OnnxRuntimeHarness.Run(proto, RawFeatures(model, table), columns.Count);

        AssertScoresAsPredict(model, raw, onnx, name);
        Assert.All(proto.Graph.Initializer, t => Assert.Equal((int)TensorProto.Types.DataType.Float, t.DataType));
        Assert.Equal($"[{string.Join(',', columns.Select(c => $"\"{c}\""))}]",
            proto.MetadataProps.Single(p => p.Key == "features").Value);
    }

    [Fact]
    public void A_colour_model_takes_the_magnitude_columns_and_names_them()
    {
        var run = tables.Work.Train(tables.Photometry, "colour_columns", "--target", "z_spec", "--colors",
            "u,g,r,i,z", "--features", "r", "--missing", "-99", "--on-missing", "impute");

        var columns = OnnxFeatures.InputColumns(TrainedModel.Load(run));

        Assert.Equal(["u", "g", "r", "i", "z"], columns);
    }

    // Regression: the values (and σ) predict prints; a classifier: its probabilities, [1 − p, p] for one logit,
    // and its classes.
    private void AssertScoresAsPredict(TrainedModel model, float[] raw, OnnxRuntimeHarness.Outputs onnx, string name)
    {
        var outputs = model.Card.Architecture.Outputs;
        if (model.Task == TaskKind.Regression)
        {
            var decoded = model.Decode(raw);
            var diff = OnnxRuntimeHarness.MaxAbsDiff(decoded.Values, onnx.Floats[OnnxExporter.PredictionName]);
            log.WriteLine($"{name}: max abs diff {diff:G3}");
            Assert.True(diff <= Tolerance, $"max abs diff {diff}");
            Assert.Equal(decoded.Targets, (int)onnx.Shapes[OnnxExporter.PredictionName][1]);
            if (decoded.Sigmas is { } sigmas)
            {
                var sigmaDiff = OnnxRuntimeHarness.MaxAbsDiff(sigmas, onnx.Floats[OnnxExporter.SigmaName]);
                log.WriteLine($"{name}: sigma max abs diff {sigmaDiff:G3}");
                Assert.True(sigmaDiff <= Tolerance, $"sigma max abs diff {sigmaDiff}");
            }
            else
            {
                Assert.False(onnx.Floats.ContainsKey(OnnxExporter.SigmaName));
            }

            return;
        }

        var expected = Evaluation.Probabilities<float>(raw, outputs);
        var probabilities = outputs == 1
            ? [.. expected.SelectMany(p => new[] { 1 - p, p })]
            : expected;
        var actual = onnx.Floats[OnnxExporter.ProbabilitiesName];
        var maxDiff = OnnxRuntimeHarness.MaxAbsDiff(probabilities, actual);
        log.WriteLine($"{name}: max abs diff {maxDiff:G3}");
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

    /// <summary>The exported model's input columns as float32 rows, as the table holds them: what an ONNX user
    /// feeds.</summary>
    internal static float[] RawFeatures(TrainedModel model, DataTable table)
    {
        var columns = table.IndicesOf(OnnxFeatures.InputColumns(model).Select(ColumnRef.FromName));
        return [.. table.ToRowMajor(columns).Select(v => (float)v)];
    }
}
