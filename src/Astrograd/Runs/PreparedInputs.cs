using System.Globalization;
using Astrograd.Data;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>The missing-value steps of <see cref="PreparedData.From"/>: default features, refuse or drop, and
/// the lines that tell the user what was masked, dropped or imputed.</summary>
internal static class PreparedInputs
{
    /// <summary>
    /// Every numeric column but the target and the colour bands. A column holding a cell the reader could not use,
    /// or no value at all (a spreadsheet's trailing comma makes such a column), is left out with a warning: nobody
    /// asked for it by name.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="target">The target column.</param>
    /// <param name="bands">The colour bands.</param>
    /// <param name="sentinels">The --missing values.</param>
    /// <param name="leftOut">Empty columns already reported (by <see cref="DefaultTarget"/>); more are added.</param>
    /// <param name="warnings">Where the columns left out are reported.</param>
    public static int[] DefaultFeatures(DataTable table, int target, int[] bands, IReadOnlyList<double> sentinels,
        ISet<int> leftOut, List<string> warnings)
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

            if (IsEmpty(column, sentinels))
            {
                if (leftOut.Add(i))
                {
                    warnings.Add(Empty(table, i));
                }

                continue;
            }

            features.Add(i);
        }

        return [.. features];
    }

    /// <summary>
    /// The default target: the last column, unless that column has no name and no value (every line ends in a
    /// delimiter), when it is the one before; <paramref name="warnings"/> says so, and <paramref name="leftOut"/>
    /// holds that column.
    /// </summary>
    public static int DefaultTarget(DataTable table, ISet<int> leftOut, List<string> warnings)
    {
        var last = table.ColumnCount - 1;
        if (last > 0 && IsUnnamed(table, last) && IsEmpty(table.Columns[last], []))
        {
            leftOut.Add(last);
            warnings.Add(Empty(table, last));
            return last - 1;
        }

        return last;
    }

    /// <summary>Whether <paramref name="column"/> holds no value: every cell is NaN (an empty cell), ±∞ or one of
    /// <paramref name="sentinels"/>. Text columns are never empty here.</summary>
    public static bool IsEmpty(DataColumn column, IReadOnlyList<double> sentinels)
    {
        if (column.Kind != ColumnKind.Numeric || column.Length == 0)
        {
            return false;
        }

        foreach (var v in column.Numbers)
        {
            if (double.IsFinite(v) && !Sentinels.Matches(v, sentinels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Refuses a column named in an option (--features, --colors) that holds no value, which no missing-value policy
    /// could use: refuse and drop would lose every row, impute has no median.
    /// </summary>
    /// <exception cref="DataException">One of <paramref name="columns"/> is empty.</exception>
    public static void ThrowIfEmpty(DataTable table, IEnumerable<int> columns, IReadOnlyList<double> sentinels,
        string option)
    {
        foreach (var c in columns)
        {
            var column = table.Columns[c];
            if (IsEmpty(column, sentinels))
            {
                var unnamed = IsUnnamed(table, c) ? " (nor a name: does every line end in a delimiter?)" : "";
                throw DataException.At(string.Create(CultureInfo.InvariantCulture,
                    $"{option} names a column that has no value in any of the {table.RowCount} rows{unnamed}; " +
                    $"leave it out of {option}"), table.Source, column: column.Name);
            }
        }
    }

    // A header cell left empty is named col<index> by the reader.
    private static bool IsUnnamed(DataTable table, int index) =>
        table.ColumnNames[index] == string.Create(CultureInfo.InvariantCulture, $"col{index}");

    private static string Empty(DataTable table, int index)
    {
        var column = table.ColumnNames[index];
        var why = IsUnnamed(table, index) && index == table.ColumnCount - 1
            ? " (it has no name either: every line ends in a delimiter)"
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"column '{column}' has no value in any of the {table.RowCount} rows{why}; it is left out");
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
