using System.CommandLine;
using System.Globalization;
using System.Text;
using Astrograd.Data.Fits;
using Astrograd.Runs;
using Astrograd.Training;
using Spectre.Console;

namespace Astrograd.Cli.Commands;

/// <summary>
/// <c>astrograd predict --model DIR --data FILE [--hdu N|NAME] [--out FILE]</c>: applies a trained model to a table
/// and writes one row per input row: the class and each class probability, or the predicted values. The rows are
/// CSV, or a FITS binary table (HDU 1, EXTNAME PREDICTIONS) when <c>--out</c> ends in .fits, .fit or .fts.
/// </summary>
internal sealed class PredictCommand : ICliCommand
{
    public const string Name = "predict";

    public Command Create(CliOutput output)
    {
        var model = ModelInputs.Required("--model", "A run directory written by train.", "DIR");
        var data = ModelInputs.Required("--data", "The table to predict (CSV or FITS).", "FILE");
        var hdu = ModelInputs.Hdu(ofModel: true);
        var outFile = new Option<string?>("--out")
        {
            Description = "Write the predictions here (default: stdout); a name ending in .fits writes a FITS table.",
            HelpName = "FILE",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Replace an existing --out file (it is kept otherwise).",
        };
        var keep = new Option<string?>("--keep")
        {
            Description = "Copy these input columns (e.g. OBJID,RA,DEC) into the predictions, in front, as the " +
                "file holds them.",
            HelpName = "COLS",
        };
        var mc = McOptions.Create();
        var command = new Command(Name, "Predict a table with a trained model; writes CSV or FITS.")
        {
            model, data, hdu, outFile, force, keep, mc.Samples, mc.Seed,
        };
        command.SetAction(parse =>
        {
            // Nothing already saved is lost by accident: an existing file is replaced only when asked, and never the
            // table being predicted.
            var path = parse.GetValue(outFile);
            if (path is not null)
            {
                OutputFile.Check("--out", path, parse.GetValue(force), "predictions.csv", parse.GetRequiredValue(data));
            }

            var keepNames = KeptColumns.Parse(parse.GetValue(keep));
            var trained = ModelInputs.LoadModel(parse.GetRequiredValue(model));
            var table = Load(parse.GetRequiredValue(data), parse.GetValue(hdu), trained, keepNames, output);
            var kept = keepNames is null ? null : KeptColumns.From(table, keepNames);
            var samples = mc.Parse(parse);
            var imputed = 0;
            var raw = samples is null ? trained.PredictRaw(table, out imputed) : [];
            if (imputed > 0)
            {
                output.Warn(Name, string.Create(CultureInfo.InvariantCulture,
                    $"imputed {imputed} missing feature values with the training medians stored in the model"));
            }

            var predictions = samples is { } n ? McOptions.Run(trained, table, n, parse.GetValue(mc.Seed))
                : trained.Task == TaskKind.Regression ? PredictionTable.Regression(trained.Decode(raw))
                : null;
            // CSV, or FITS columns for a .fits --out; the kept columns go in front.
            var fits = path is not null && FitsReader.HasFitsExtension(path)
                ? predictions?.ToFits() ?? PredictionColumns(trained, raw)
                : null;
            var csv = fits is null ? predictions?.ToCsv() ?? PredictionCsv(trained, raw) : null;
            if (kept is not null)
            {
                kept.ThrowIfClashing(fits?.Select(c => c.Name) ?? csv![..csv!.IndexOf('\n', StringComparison.Ordinal)]
                    .Split(','));
                (fits, csv) = (fits is null ? null : kept.Prepend(fits), csv is null ? null : kept.Prepend(csv));
            }

            if (path is not null)
            {
                if (fits is not null)
                {
                    OutputFile.Write("--out", path, stream => FitsWriter.Write(stream, fits, "PREDICTIONS"));
                }
                else
                {
                    OutputFile.WriteText("--out", path, csv!);
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

    // The table, with the kept columns that are no model input read as text: exactly as the file holds them.
    private static Astrograd.Data.DataTable Load(string path, string? hdu, TrainedModel trained,
        IReadOnlyList<string>? keep, CliOutput output)
    {
        var recipe = trained.Recipe;
        var inputs = recipe.SourceColumns(recipe.BaseFeatures(trained.Card.Features))
            .ToHashSet(StringComparer.Ordinal);
        var asText = keep?.Where(k => !inputs.Contains(k)).ToList();
        try
        {
            return ModelInputs.LoadTable(path, hdu, output, Name, modelHdu: trained.Card.Hdu, textColumns: asText)
                .Table;
        }
        catch (Astrograd.Data.DataException e) when (e.Line is null && e.Column is { } c
            && asText?.Contains(c) == true)
        {
            throw new CliDataException($"--keep: {e.Message}", e);
        }
    }

    /// <summary>
    /// The FITS columns, named as in <see cref="PredictionCsv"/>: <c>class</c> (A) and <c>p_&lt;class&gt;</c> (D)
    /// for classifiers; <c>&lt;target&gt;</c> (D) for regression, <c>&lt;target&gt;_0</c>, … for several outputs.
    /// </summary>
    internal static IReadOnlyList<FitsWriteColumn> PredictionColumns(TrainedModel model, float[] raw)
    {
        var card = model.Card;
        var outputs = card.Architecture.Outputs;
        var rows = raw.Length / outputs;
        if (model.Task == TaskKind.Regression)
        {
            return [.. Enumerable.Range(0, outputs).Select(j => FitsWriteColumn.Double(
                outputs == 1 ? card.Target : string.Create(CultureInfo.InvariantCulture, $"{card.Target}_{j}"),
                [.. Enumerable.Range(0, rows).Select(i => (double)raw[(i * outputs) + j])]))];
        }

        var classes = card.Classes!;
        var probabilities = Evaluation.Probabilities<float>(raw, outputs);
        var predicted = Evaluation.PredictClasses<float>(raw, outputs);
        var columns = new List<FitsWriteColumn>
        {
            FitsWriteColumn.Text("class", [.. predicted.Select(k => classes[k])]),
        };
        for (var k = 0; k < classes.Count; k++)
        {
            // A binary model has one output, p(classes[1]); p(classes[0]) is its complement.
            var p = outputs == 1
                ? probabilities.Select(q => k == 1 ? q : 1 - q).ToArray()
                : Enumerable.Range(0, rows).Select(i => probabilities[(i * outputs) + k]).ToArray();
            columns.Add(FitsWriteColumn.Double($"p_{classes[k]}", p));
        }

        return columns;
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
