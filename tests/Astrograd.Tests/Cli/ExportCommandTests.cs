using Astrograd.Data;
using Astrograd.Onnx;
using Astrograd.Runs;
using Astrograd.Tests.Onnx;
using Astrograd.Training;

namespace Astrograd.Tests.Cli;

public sealed class ExportCommandTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Export_writes_an_onnx_file_that_scores_the_table_as_predict_does()
    {
        var data = _work.Multiclass(90);
        var run = _work.Train(data, "run");
        var onnx = _work.PathOf("model.onnx");

        var result = CliHarness.Run("export", "--model", run, "--onnx", onnx);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("wrote", result.Console, StringComparison.Ordinal);
        var model = TrainedModel.Load(run);
        var table = CsvReader.ReadFile(data);
        var raw = model.PredictRaw(table);
        var outputs = OnnxRuntimeHarness.Run(File.ReadAllBytes(onnx), OnnxExportTests.RawFeatures(model, table),
            model.Card.Features.Count);
        var diff = OnnxRuntimeHarness.MaxAbsDiff(Evaluation.Probabilities<float>(raw, 3),
            outputs.Floats[OnnxExporter.ProbabilitiesName]);
        Assert.True(diff <= 1e-5, $"max abs diff {diff}");
        Assert.Equal([90L, 3], outputs.Shapes[OnnxExporter.ProbabilitiesName]);
    }

    [Fact]
    public void An_existing_file_is_kept_without_force_and_replaced_with_it()
    {
        var run = _work.Train(_work.Htru2(200), "run");
        var onnx = _work.Write("model.onnx", "precious");

        var refused = CliHarness.Run("export", "--model", run, "--onnx", onnx);
        var replaced = CliHarness.Run("export", "--model", run, "--onnx", onnx, "--force");

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(0, replaced.ExitCode);
        Assert.NotEqual("precious", File.ReadAllText(onnx));
    }

    [Fact]
    public void A_failed_export_leaves_no_file_behind()
    {
        var broken = _work.Write("broken/model.json", "{ not json");
        var onnx = _work.PathOf("model.onnx");

        var result = CliHarness.Run("export", "--model", Path.GetDirectoryName(broken)!, "--onnx", onnx);

        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(onnx));
        Assert.Single(Directory.GetFiles(_work.Root, "*", SearchOption.AllDirectories));
    }
}
