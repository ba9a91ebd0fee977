using System.Globalization;
using Astrograd.Data;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>The missing-value steps of <see cref="PreparedData.From"/>: default features, refuse or drop, and
/// the lines that tell the user what was masked, dropped or imputed.</summary>
internal static class PreparedInputs
{
    /// <summary>
    /// Every numeric column but the target and the colour bands. A column holding a cell the reader could not use
    /// is left out with a warning: nobody asked for it by name.
    /// </summary>
    public static int[] DefaultFeatures(DataTable table, int target, int[] bands, List<string> warnings)
    {
        var features = new List<int>();
        for (var i = 0; i < table.ColumnCount; i++)
        {
            var column = table.Columns[i];
            if (i == target || bands.Contains(i) || column.Kind != ColumnKind.Numeric)
            {
                continue;
            }

            if (column.Fault is { } fault)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"column '{column.Name}' is left out of the features: line {fault.Line}: {fault.Message}"));
                continue;
            }

            features.Add(i);
        }

        return [.. features];
    }

    /// <summary>
    /// Refuses the table (refuse) or leaves out the rows with a missing feature value (drop), as <paramref
    /// name="policy"/> says; impute keeps every row.
    /// </summary>
    /// <returns>Each kept row's 0-based row in the table as read, and the number of rows dropped.</returns>
    /// <exception cref="DataException">Refuse, and a feature value is missing; or drop leaves no rows.</exception>
    public static (int[] Rows, int Dropped) HandleMissing(ref DataTable table, MissingCells missing,
        MissingPolicy policy)
    {
        var all = Enumerable.Range(0, table.RowCount).ToArray();
        if (!missing.Any || policy == MissingPolicy.Impute)
        {
            return (all, 0);
        }

        if (policy == MissingPolicy.Refuse)
        {
            throw DataException.At($"missing feature values: {missing}; pass --on-missing drop to leave those " +
                "rows out, or --on-missing impute to fill them with training medians", table.Source);
        }

        var kept = all.Except(missing.Rows).ToArray();
        if (kept.Length == 0)
        {
            throw DataException.At("no data rows left after dropping rows with missing feature values",
                table.Source);
        }

        table = table.SelectRows(kept);
        return (kept, all.Length - kept.Length);
    }

    /// <summary><c>target 'Z' has no value in 3 rows (data rows 4, 9, 17); they are masked out of the loss and
    /// the metrics</c>, one line per target that has such rows.</summary>
    public static IEnumerable<string> Unlabelled(MissingCells unlabelled, int[] rows, TaskKind task)
    {
        var what = task == TaskKind.Regression
            ? "they are masked out of the loss and the metrics"
            : "they are left out of training and the metrics";
        foreach (var column in unlabelled.Columns.Where(c => c.Total > 0))
        {
            var first = string.Join(", ", column.FirstRows.Select(r => rows[r - 1] + 1));
            var more = column.Total > column.FirstRows.Count ? ", …" : string.Empty;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"target '{column.Name}' has no value in {column.Total} {(column.Total == 1 ? "row" : "rows")} " +
                $"(data {(column.Total == 1 ? "row" : "rows")} {first}{more}); {what}");
        }
    }

    /// <summary><c>imputed 12 missing feature values with training medians; indicator features: u-g_missing</c>.
    /// </summary>
    public static string Imputed(int filled, Imputer imputer)
    {
        var indicators = imputer.IndicatorNames;
        var named = indicators.Count == 0 ? "no indicator features (no training row had a missing value)"
            : $"indicator features: {string.Join(", ", indicators)}";
        return string.Create(CultureInfo.InvariantCulture,
            $"imputed {filled} missing feature {(filled == 1 ? "value" : "values")} with training medians; {named}");
    }
}
