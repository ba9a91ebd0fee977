using Astrograd.Data;

namespace Astrograd.Runs;

/// <summary>
/// The target columns of a run (<c>--target Z</c> or several, <c>--target Z,Z_ERR</c>) and the columns of their
/// known errors (<c>--sigma</c>, one per target), resolved against a table.
/// </summary>
internal sealed class TargetColumns
{
    private TargetColumns(int[] targets, int[]? sigmas)
    {
        Targets = targets;
        Sigmas = sigmas;
    }

    /// <summary>The target columns' indices, in output order.</summary>
    public int[] Targets { get; }

    /// <summary>The σ columns' indices, one per target, or null without --sigma.</summary>
    public int[]? Sigmas { get; }

    /// <summary>The names in a comma-separated option value (<c>Z,Z_ERR</c>), trimmed.</summary>
    public static string[] Split(string value) =>
        [.. value.Split(',').Select(s => s.Trim())];

    /// <summary>Resolves <paramref name="target"/> (a name, an index or a comma-separated list) and
    /// <paramref name="sigma"/> against <paramref name="table"/>.</summary>
    /// <exception cref="RunConfigException">A target is listed twice, or --sigma names another number of
    /// columns than --target.</exception>
    /// <exception cref="DataException">A column is missing.</exception>
    public static TargetColumns Resolve(DataTable table, string target, string? sigma)
    {
        var targets = table.IndicesOf(Split(target).Select(ColumnRef.Parse));
        if (targets.Distinct().Count() != targets.Length)
        {
            throw new RunConfigException("--target", $"'{target}' lists a column twice; list each target once");
        }

        if (sigma is null)
        {
            return new TargetColumns(targets, null);
        }

        var sigmas = table.IndicesOf(Split(sigma).Select(ColumnRef.Parse));
        if (sigmas.Length != targets.Length)
        {
            throw new RunConfigException("--sigma", FormattableString.Invariant(
                $"names {sigmas.Length} column(s) for {targets.Length} target(s); give one σ column per target, in ") +
                "order");
        }

        var overlap = sigmas.FirstOrDefault(targets.Contains, -1);
        if (overlap >= 0)
        {
            throw new RunConfigException("--sigma",
                $"column '{table.ColumnNames[overlap]}' is also a target; give the column of each target's error");
        }

        return new TargetColumns(targets, sigmas);
    }

    /// <summary>
    /// The known variances σ² of every row and target, [rows, k] row-major, from the σ columns. A row whose target
    /// is missing needs no σ (it is masked anyway; its variance is 1); a missing σ (NaN: NaN, an empty cell, a FITS
    /// null or a sentinel) of a known target is NaN, which <see cref="MultiTarget.MakeSet"/> masks like a missing
    /// target, and <paramref name="warnings"/> gets one line per σ column that has such rows.
    /// </summary>
    /// <param name="table">The table, its sentinels already NaN.</param>
    /// <param name="rows">Each of the table's rows' 0-based row in the table as read (rows may have been dropped),
    /// for the messages.</param>
    /// <param name="warnings">Receives the masked-row lines.</param>
    /// <exception cref="DataException">A σ column holds text, or a given σ that is not finite and &gt; 0 (named by
    /// column and data row, 1-based): a zero σ would give its row an infinite weight.</exception>
    public double[] Variances(DataTable table, int[] rows, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(warnings);
        var sigmas = Sigmas ?? throw new InvalidOperationException("TargetColumns: no --sigma columns.");
        var k = sigmas.Length;
        var variances = new double[table.RowCount * k];
        for (var j = 0; j < k; j++)
        {
            var column = table.Columns[sigmas[j]];
            if (column.Kind != ColumnKind.Numeric)
            {
                throw DataException.At("holds text; --sigma needs the numeric 1-sigma error of the target",
                    table.Source, column: column.Name);
            }

            var values = column.Numbers;
            var targets = table.Columns[Targets[j]].Numbers;
            var masked = new List<int>();
            for (var i = 0; i < values.Length; i++)
            {
                var s = values[i];
                if (!double.IsFinite(targets[i]))
                {
                    variances[(i * k) + j] = 1;
                    continue;
                }

                if (double.IsNaN(s))
                {
                    masked.Add(rows[i] + 1);
                    variances[(i * k) + j] = double.NaN;
                    continue;
                }

                if (!(s > 0) || !double.IsFinite(s))
                {
                    var what = FormattableString.Invariant($"data row {rows[i] + 1} has σ = {s}");
                    throw DataException.At($"{what}; --sigma needs a finite error > 0 wherever the target is known " +
                        "(remove or fix those rows, or leave the cell empty to mask the row)", table.Source,
                        column: column.Name);
                }

                variances[(i * k) + j] = s * s;
            }

            if (masked.Count > 0)
            {
                warnings.Add(Masked(column.Name, table.ColumnNames[Targets[j]], masked));
            }
        }

        return variances;
    }

    // σ column 'SZ' has no value in 2 rows where 'Z' is known (data rows 4, 9); they are masked out of the loss and
    // the metrics.
    private static string Masked(string sigma, string target, List<int> rows)
    {
        var first = string.Join(", ", rows.Take(MissingCells.RowsShown));
        var more = rows.Count > MissingCells.RowsShown ? ", …" : string.Empty;
        var plural = rows.Count == 1 ? "row" : "rows";
        return FormattableString.Invariant(
            $"σ column '{sigma}' has no value in {rows.Count} {plural} where '{target}' is known (data {plural} ") +
            $"{first}{more}); {(rows.Count == 1 ? "it is" : "they are")} masked out of the loss and the metrics";
    }
}
