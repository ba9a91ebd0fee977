using System.CommandLine;
using Astrograd.Onnx;
using Spectre.Console;

namespace Astrograd.Cli.Commands;

/// <summary>
/// <c>astrograd export --model DIR --onnx FILE [--force]</c>: writes the trained model as one ONNX file that takes
/// the raw feature columns and returns what predict returns (see <see cref="OnnxExporter"/>).
/// </summary>
internal sealed class ExportCommand : ICliCommand
{
    public const string Name = "export";

    public Command Create(CliOutput output)
    {
        var model = ModelInputs.Required("--model", "A run directory written by train.", "DIR");
        var onnx = ModelInputs.Required("--onnx",
            "Write the model here as ONNX (standardisation and probabilities built in).", "FILE");
        var force = new Option<bool>("--force")
        {
            Description = "Replace an existing --onnx file (it is kept otherwise).",
        };
        var command = new Command(Name, "Export a trained model to ONNX.") { model, onnx, force };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(onnx);
            OutputFile.Check("--onnx", path, parse.GetValue(force), "model.onnx");

            var trained = ModelInputs.LoadModel(parse.GetRequiredValue(model));
            try
            {
                OnnxExporter.Write(trained, path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliDataException($"--onnx: {e.Message}", e);
            }

            var columns = OnnxExporter.InputColumns(trained);
            output.Console.WriteLine($"wrote {path} (ONNX opset {OnnxExporter.Opset}, input " +
                $"'{OnnxExporter.InputName}' [N, {columns.Count}]: {string.Join(", ", columns)})", Style.Plain);
            return ExitCodes.Ok;
        });
        return command;
    }
}
