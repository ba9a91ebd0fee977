using Astrograd.Data;
using Astrograd.Runs;

namespace Astrograd.Cli.Commands;

/// <summary>The true values of a regression model's target column(s) in a table, for <c>evaluate</c>.</summary>
internal static class RegressionTruth
{
    /// <summary>True values [n, k] of every target of <paramref name="model"/>.</summary>
    /// <exception cref="CliDataException">A target column is missing, holds text or has missing values.</exception>
    public static double[] Read(TrainedModel model, DataTable table)
    {
        var names = model.Card.TargetNames();
        var k = names.Count;
        var truth = new double[table.RowCount * k];
        for (var j = 0; j < k; j++)
        {
            if (!table.TryGetIndex(names[j], out var index))
            {
                throw new CliDataException($"{table.Source}: the model's target column '{names[j]}' is missing; " +
                    $"evaluate needs the true values (available columns: {MessageText.List(table.ColumnNames, 10)}); " +
                    "use predict for a table without them");
            }

            var column = table.Columns[index];
            if (column.Kind != ColumnKind.Numeric)
            {
                throw new CliDataException($"{table.Source}: the target column '{names[j]}' holds text; the model " +
                    "predicts numbers");
            }

            var values = column.Numbers;
            for (var i = 0; i < values.Length; i++)
            {
                // In float32, as training stores its targets, so that evaluate on the test rows gives train's numbers;
                // a missing value stays NaN and its row is left out of the metrics, as in training.
                truth[(i * k) + j] = double.IsFinite(values[i]) ? (float)values[i] : double.NaN;
            }
        }

        return truth;
    }

    /// <summary>The regression metrics of <paramref name="raw"/> against the table's targets.</summary>
    public static IReadOnlyDictionary<string, double> Score(TrainedModel model, DataTable table, float[] raw) =>
        RegressionScoring.Score(model, raw, Read(model, table));
}
