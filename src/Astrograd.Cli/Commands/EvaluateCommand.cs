using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Astrograd.Data;
using Astrograd.Runs;
using Astrograd.Training;
using Spectre.Console;

namespace Astrograd.Cli.Commands;

/// <summary><c>astrograd evaluate --model DIR --data FILE</c>: the task's metrics of a trained model on a labelled table.</summary>
internal sealed class EvaluateCommand : ICliCommand
{
    public const string Name = "evaluate";

    public Command Create(CliOutput output)
    {
        var model = new Option<string>("--model") { Description = "A run directory written by train.", Required = true, HelpName = "DIR" };
        var data = new Option<string>("--data") { Description = "A labelled table (CSV) with the model's target column.", Required = true, HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print the metrics as one JSON object." };
        var command = new Command(Name, "Score a trained model on a labelled table.") { model, data, json };
        command.SetAction(parse =>
        {
            var trained = ModelInputs.LoadModel(parse.GetRequiredValue(model));
            var table = ModelInputs.LoadTable(parse.GetRequiredValue(data));
            var metrics = Score(trained, table);
            if (parse.GetValue(json))
            {
                output.Stdout.WriteLine(Json(metrics));
                return ExitCodes.Ok;
            }

            var t = new Table().Title($"metrics on {Markup.Escape(table.Source ?? "table")}").AddColumn("metric")
                .AddColumn(new TableColumn("value").RightAligned());
            foreach (var (name, value) in metrics)
            {
                t.AddRow(name, double.IsNaN(value) ? "n/a" : value.ToString("F4", CultureInfo.InvariantCulture));
            }

            output.Console.Write(t);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static IReadOnlyDictionary<string, double> Score(TrainedModel model, DataTable table)
    {
        var target = table.Column(ColumnRef.FromName(model.Card.Target));
        var raw = model.PredictRaw(table);
        var outputs = model.Card.Architecture.Outputs;
        if (model.Task == TaskKind.Regression)
        {
            var values = target.Numbers.ToArray().Select(v => (float)v).ToArray();
            return Scoring.Score(model.Task, raw, outputs, null, values, model.Card.Target).Metrics;
        }

        var labels = LabelEncoder.FromClasses(model.Card.Classes!).Encode(target);
        return Scoring.Score(model.Task, raw, outputs, labels, null, model.Card.Target).Metrics;
    }

    private static string Json(IReadOnlyDictionary<string, double> metrics)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (k, v) in metrics)
            {
                if (double.IsFinite(v))
                {
                    w.WriteNumber(k, v);
                }
                else
                {
                    w.WriteNull(k);
                }
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
