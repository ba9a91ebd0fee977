using System.CommandLine;
using System.Globalization;
using System.Text;
using Astrograd.Runs;
using Astrograd.Training;
using Spectre.Console;

namespace Astrograd.Cli.Commands;

/// <summary>
/// <c>astrograd predict --model DIR --data FILE [--out FILE]</c>: applies a trained model to a table and writes
/// one CSV row per input row: the class and each class probability, or the predicted values.
/// </summary>
internal sealed class PredictCommand : ICliCommand
{
    public const string Name = "predict";

    public Command Create(CliOutput output)
    {
        var model = ModelInputs.Required("--model", "A run directory written by train.", "DIR");
        var data = ModelInputs.Required("--data", "The table to predict (CSV).", "FILE");
        var outFile = new Option<string?>("--out")
        {
            Description = "Write the predictions here (default: stdout).",
            HelpName = "FILE",
        };
        var command = new Command(Name, "Predict a table with a trained model; writes CSV.") { model, data, outFile };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(outFile);
            if (path is not null && Directory.Exists(path))
            {
                throw new CliUsageException(
                    $"--out: '{path}' is a directory; give a file name such as predictions.csv");
            }

            var trained = ModelInputs.LoadModel(parse.GetRequiredValue(model));
            var table = ModelInputs.LoadTable(parse.GetRequiredValue(data));
            var csv = PredictionCsv(trained, trained.PredictRaw(table));
            if (path is not null)
            {
                try
                {
                    IO.AtomicFile.WriteAllText(path, csv);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CliDataException($"--out: {e.Message}", e);
                }

                output.Console.WriteLine($"wrote {table.RowCount} predictions to {path}", Style.Plain);
            }
            else
            {
                output.Stdout.Write(csv);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The CSV text: <c>class,p_A,p_B,…</c> for classifiers, <c>&lt;target&gt;</c> for regression.</summary>
    internal static string PredictionCsv(TrainedModel model, float[] raw)
    {
        var card = model.Card;
        var outputs = card.Architecture.Outputs;
        var rows = raw.Length / outputs;
        var sb = new StringBuilder();
        if (model.Task == TaskKind.Regression)
        {
            sb.Append(card.Target).Append('\n');
            for (var i = 0; i < raw.Length; i++)
            {
                sb.Append(raw[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }

            return sb.ToString();
        }

        var classes = card.Classes!;
        sb.Append("class");
        foreach (var c in classes)
        {
            sb.Append(",p_").Append(c);
        }

        sb.Append('\n');
        var probabilities = Evaluation.Probabilities<float>(raw, outputs);
        var predicted = Evaluation.PredictClasses<float>(raw, outputs);
        for (var i = 0; i < rows; i++)
        {
            sb.Append(classes[predicted[i]]);
            if (outputs == 1)
            {
                var p = probabilities[i];
                sb.Append(',').Append((1 - p).ToString("R", CultureInfo.InvariantCulture));
                sb.Append(',').Append(p.ToString("R", CultureInfo.InvariantCulture));
            }
            else
            {
                for (var j = 0; j < outputs; j++)
                {
                    sb.Append(',').Append(probabilities[(i * outputs) + j].ToString("R", CultureInfo.InvariantCulture));
                }
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
