namespace Astrograd.Data;

/// <summary>
/// Sentinel values that stand for "missing" in a catalogue (−9999, −99, 99), given with <c>--missing</c>.
/// </summary>
public static class Sentinels
{
    /// <summary>
    /// Whether <paramref name="value"/> is one of <paramref name="sentinels"/>: equal as doubles, or, for a value
    /// that a float32 holds exactly (a FITS E column), equal once the sentinel is rounded to float32, so that −99.99
    /// written as float32 still matches <c>--missing -99.99</c>.
    /// </summary>
    public static bool Matches(double value, IReadOnlyList<double> sentinels)
    {
        ArgumentNullException.ThrowIfNull(sentinels);
        foreach (var s in sentinels)
        {
            if (value == s || ((double)(float)value == value && (float)value == (float)s))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The table with every sentinel cell of the chosen numeric <paramref name="columns"/> replaced by NaN; other
    /// columns (text, or not chosen) are shared unchanged.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">0-based column indices.</param>
    /// <param name="sentinels">The sentinel values; none returns <paramref name="table"/> itself.</param>
    public static DataTable Replace(DataTable table, IEnumerable<int> columns, IReadOnlyList<double> sentinels)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(sentinels);
        if (sentinels.Count == 0)
        {
            return table;
        }

        var result = table.Columns.ToArray();
        var changed = false;
        foreach (var c in columns.Distinct())
        {
            var column = result[c];
            if (column.Kind != ColumnKind.Numeric)
            {
                continue;
            }

            var values = column.Numbers.ToArray();
            var any = false;
            for (var r = 0; r < values.Length; r++)
            {
                if (Matches(values[r], sentinels))
                {
                    values[r] = double.NaN;
                    any = true;
                }
            }

            if (any)
            {
                result[c] = column.WithNumbers(values);
                changed = true;
            }
        }

        return changed ? new DataTable(result, table.Source) : table;
    }
}
