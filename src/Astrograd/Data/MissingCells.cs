using System.Globalization;

namespace Astrograd.Data;

/// <summary>The missing cells of one column, by kind, with the first data rows that hold one.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="NaN">NaN cells: NaN in the file, an empty cell, a FITS null (TNULLn or a NaN float).</param>
/// <param name="Sentinel">Cells equal to a sentinel value (<c>--missing</c>).</param>
/// <param name="Infinite">±∞ cells.</param>
/// <param name="Empty">Empty cells of a text column (a missing class label).</param>
/// <param name="FirstRows">The first few such rows, 1-based data rows (a header is not counted).</param>
public sealed record MissingColumn(string Name, int NaN, int Sentinel, int Infinite, int Empty,
    IReadOnlyList<int> FirstRows)
{
    /// <summary>All the missing cells of the column.</summary>
    public int Total => NaN + Sentinel + Infinite + Empty;
}

/// <summary>
/// Missing cells per column, sentinels counted apart from NaN, for messages that say where to look:
/// <c>3 in 'u' (2 NaN, 1 sentinel; data rows 4, 9, 17); 3 rows affected</c>.
/// </summary>
public sealed class MissingCells
{
    /// <summary>How many rows a column lists in messages.</summary>
    public const int RowsShown = 5;

    private MissingCells(IReadOnlyList<MissingColumn> columns, int rowsAffected, int[] rows)
    {
        Columns = columns;
        RowsAffected = rowsAffected;
        Rows = rows;
    }

    /// <summary>Every column counted, in the order asked for.</summary>
    public IReadOnlyList<MissingColumn> Columns { get; }

    /// <summary>Rows with at least one missing cell in the counted columns.</summary>
    public int RowsAffected { get; }

    /// <summary>The 0-based rows with at least one missing cell, ascending.</summary>
    public IReadOnlyList<int> Rows { get; }

    /// <summary>Whether any counted cell is missing.</summary>
    public bool Any => RowsAffected > 0;

    /// <summary>
    /// Counts the missing cells of <paramref name="columns"/>: NaN, ±∞ and <paramref name="sentinels"/> in numeric
    /// columns (see <see cref="Sentinels.Matches"/>), empty text in text columns.
    /// </summary>
    public static MissingCells Count(DataTable table, IReadOnlyList<int> columns, IReadOnlyList<double> sentinels)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(sentinels);
        var bad = new bool[table.RowCount];
        var counted = new List<MissingColumn>(columns.Count);
        foreach (var c in columns)
        {
            counted.Add(CountColumn(table.Columns[c], sentinels, bad));
        }

        var rows = Enumerable.Range(0, bad.Length).Where(r => bad[r]).ToArray();
        return new MissingCells(counted, rows.Length, rows);
    }

    /// <summary>
    /// <c>3 in 'u' (2 NaN, 1 sentinel; data rows 4, 9, 17), 1 in 'g' (1 +Inf; data row 2); 4 rows affected</c>.
    /// </summary>
    public override string ToString()
    {
        var parts = new List<string>();
        foreach (var c in Columns.Where(c => c.Total > 0))
        {
            var kinds = new List<string>(4);
            Add(kinds, c.NaN, "NaN");
            Add(kinds, c.Sentinel, c.Sentinel == 1 ? "sentinel" : "sentinels");
            Add(kinds, c.Infinite, "±Inf");
            Add(kinds, c.Empty, "empty");
            var more = c.Total > c.FirstRows.Count ? ", …" : string.Empty;
            var rows = c.FirstRows.Count == 1 ? "data row" : "data rows";
            var first = string.Join(", ", c.FirstRows);
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{c.Total} in '{c.Name}' ({string.Join(", ", kinds)}; {rows} {first}{more})"));
        }

        var affected = RowsAffected == 1 ? "row" : "rows";
        return string.Create(CultureInfo.InvariantCulture,
            $"{MessageText.List(parts, noun: "columns")}; {RowsAffected} {affected} affected");
    }

    private static MissingColumn CountColumn(DataColumn column, IReadOnlyList<double> sentinels, bool[] bad)
    {
        int nan = 0, sentinel = 0, infinite = 0, empty = 0;
        var first = new List<int>(RowsShown);
        void Mark(int r)
        {
            bad[r] = true;
            if (first.Count < RowsShown)
            {
                first.Add(r + 1);
            }
        }

        if (column.Kind == ColumnKind.Text)
        {
            var texts = column.Texts;
            for (var r = 0; r < texts.Length; r++)
            {
                if (texts[r].Length == 0)
                {
                    empty++;
                    Mark(r);
                }
            }

            return new MissingColumn(column.Name, 0, 0, 0, empty, first);
        }

        var values = column.Numbers;
        for (var r = 0; r < values.Length; r++)
        {
            var v = values[r];
            if (double.IsNaN(v))
            {
                nan++;
            }
            else if (double.IsInfinity(v))
            {
                infinite++;
            }
            else if (Sentinels.Matches(v, sentinels))
            {
                sentinel++;
            }
            else
            {
                continue;
            }

            Mark(r);
        }

        return new MissingColumn(column.Name, nan, sentinel, infinite, 0, first);
    }

    private static void Add(List<string> kinds, int count, string label)
    {
        if (count > 0)
        {
            kinds.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {label}"));
        }
    }
}
