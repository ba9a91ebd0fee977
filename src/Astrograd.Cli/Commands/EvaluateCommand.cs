using System.CommandLine;
using System.Globalization;
using Astrograd.Data;
using Astrograd.Runs;
using Astrograd.Training;
using Spectre.Console;

namespace Astrograd.Cli.Commands;

/// <summary><c>astrograd evaluate --model DIR --data FILE</c>: the task's metrics of a trained model on a labelled
/// table.</summary>
internal sealed class EvaluateCommand : ICliCommand
{
    public const string Name = "evaluate";

    public Command Create(CliOutput output)
    {
        var model = ModelInputs.Required("--model", "A run directory written by train.", "DIR");
        var data = ModelInputs.Required("--data", "A labelled table (CSV or FITS) with the model's target column.",
            "FILE");
        var hdu = ModelInputs.Hdu(ofModel: true);
        var json = new Option<bool>("--json")
        {
            Description = "Print the metrics (and a redshift target's per-bin table, redshift_bins) as one JSON " +
                "object.",
        };
        var command = new Command(Name, "Score a trained model on a labelled table.") { model, data, hdu, json };
        command.SetAction(parse =>
        {
            var trained = ModelInputs.LoadModel(parse.GetRequiredValue(model));
            var (table, _) = ModelInputs.LoadTable(parse.GetRequiredValue(data), parse.GetValue(hdu), output, Name,
                modelHdu: trained.Card.Hdu);
            table = WithTruth(trained, table, output);
            var metrics = Score(trained, table);
            var bins = RedshiftBinsOf(trained, table);
            if (parse.GetValue(json))
            {
                output.Stdout.WriteLine(RunFiles.MetricsJson(metrics, bins));
                return ExitCodes.Ok;
            }

            var source = Path.GetFileName(table.Source ?? "table");
            var t = new Table().Title($"metrics on {Markup.Escape(source)}").AddColumn("metric")
                .AddColumn(new TableColumn("value").RightAligned());
            foreach (var (name, value) in metrics)
            {
                t.AddRow(name, Rendering.NumberText.Metric(name, value));
            }

            output.Console.Write(t);
            if (bins is not null)
            {
                output.Console.Write(Rendering.RedshiftBinsView.Render(bins,
                    $"redshift metrics per bin of true {bins.Target}"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // Every target column must be there; a missing true value (NaN, empty, a sentinel of the model) leaves its row
    // out of that target's metrics (a classifier's row out of all of them), with one warning per target.
    private static DataTable WithTruth(TrainedModel model, DataTable table, CliOutput output)
    {
        var names = model.Card.TargetNames();
        var indices = new int[names.Count];
        for (var j = 0; j < names.Count; j++)
        {
            if (!table.TryGetIndex(names[j], out indices[j]))
            {
                throw new CliDataException($"{table.Source}: the model's target column '{names[j]}' is missing; " +
                    $"evaluate needs the true values (available columns: {MessageText.List(table.ColumnNames, 10)}); " +
                    "use predict for a table without them");
            }

            CellFault.ThrowIfAny(table.Columns[indices[j]], table.Source);
        }

        table = Sentinels.Replace(table, indices, model.Recipe.Sentinels);
        var unlabelled = MissingCells.Count(table, indices, []);
        if (unlabelled.Columns.All(c => c.Total == table.RowCount))
        {
            var which = names.Count == 1 ? $"the target column '{names[0]}' has"
                : $"the target columns {string.Join(", ", names.Select(n => $"'{n}'"))} have";
            throw new CliDataException($"{table.Source}: {which} no value in any row; evaluate needs the true " +
                "values; use predict for a table without them");
        }

        foreach (var column in unlabelled.Columns.Where(c => c.Total > 0))
        {
            output.Warn(Name, string.Create(CultureInfo.InvariantCulture,
                $"{column.Total} {(column.Total == 1 ? "row" : "rows")} without a value of '{column.Name}' " +
                $"{(column.Total == 1 ? "is" : "are")} left out of the metrics"));
        }

        return unlabelled.Any && model.Task != TaskKind.Regression
            ? table.SelectRows([.. Enumerable.Range(0, table.RowCount).Except(unlabelled.Rows)])
            : table;
    }

    private static IReadOnlyDictionary<string, double> Score(TrainedModel model, DataTable table)
    {
        var name = model.Card.Target;
        var targetIndex = table.IndexOf(ColumnRef.FromName(name));
        var target = table.Columns[targetIndex];
        var raw = model.PredictRaw(table);
        var outputs = model.Card.Architecture.Outputs;
        if (model.Task == TaskKind.Regression)
        {
            return RegressionTruth.Score(model, table, raw);
        }

        int[] labels;
        try
        {
            labels = LabelEncoder.FromClasses(model.Card.Classes!).Encode(target);
        }
        catch (DataException e)
        {
            throw new CliDataException($"{table.Source}: {e.Message}", e);
        }

        return Scoring.Score(model.Task, raw, outputs, labels, null, name).Metrics;
    }

    // The per-bin table of a redshift target (the table's targets were checked by WithTruth already).
    private static RedshiftBinTable? RedshiftBinsOf(TrainedModel model, DataTable table) =>
        model.Task == TaskKind.Regression
            ? RedshiftBins.For(model.Card.TargetNames(), RegressionTruth.Read(model, table),
                model.Decode(model.PredictRaw(table)).Values)
            : null;
}
