using System.Globalization;

namespace Astrograd.Data;

/// <summary>The missing and non-finite cells of one column (see <see cref="DataTable.CountMissing"/>).</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Index">The column's 0-based index in its table.</param>
/// <param name="NaN">Numeric cells that are NaN (empty cells and NaN spellings read as NaN).</param>
/// <param name="PositiveInfinity">Numeric cells that are +∞.</param>
/// <param name="NegativeInfinity">Numeric cells that are −∞.</param>
/// <param name="EmptyText">Text cells that are empty (a missing label).</param>
public readonly record struct ColumnMissing(
    string Name, int Index, int NaN, int PositiveInfinity, int NegativeInfinity, int EmptyText)
{
    /// <summary>All the missing and non-finite cells of the column.</summary>
    public int Total => NaN + PositiveInfinity + NegativeInfinity + EmptyText;
}

/// <summary>
/// Missing and non-finite cells per column. ±∞ counts with NaN because neither can be standardised or
/// fed to a network: such rows are refused, or dropped on request (<see cref="DataTable.DropRowsWithMissing"/>).
/// </summary>
public sealed class MissingReport
{
    internal MissingReport(IReadOnlyList<ColumnMissing> columns, int rowsAffected)
    {
        Columns = columns;
        RowsAffected = rowsAffected;
        TotalCells = columns.Sum(c => c.Total);
    }

    /// <summary>The counts of every column inspected, in the order asked for.</summary>
    public IReadOnlyList<ColumnMissing> Columns { get; }

    /// <summary>The number of missing or non-finite cells in all inspected columns.</summary>
    public int TotalCells { get; }

    /// <summary>The number of rows with at least one such cell.</summary>
    public int RowsAffected { get; }

    /// <summary>Whether any inspected cell is missing or non-finite.</summary>
    public bool Any => TotalCells > 0;

    /// <summary>
    /// One line: <c>NaN or Inf cells: 3 in 'u' (2 NaN, 1 +Inf), 1 in 'class' (1 empty); 4 rows affected</c>,
    /// or <c>no NaN or Inf cells</c>.
    /// </summary>
    public override string ToString()
    {
        if (!Any)
        {
            return "no NaN or Inf cells";
        }

        var parts = new List<string>();
        foreach (var c in Columns.Where(c => c.Total > 0))
        {
            var kinds = new List<string>(4);
            AddKind(kinds, c.NaN, "NaN");
            AddKind(kinds, c.PositiveInfinity, "+Inf");
            AddKind(kinds, c.NegativeInfinity, "-Inf");
            AddKind(kinds, c.EmptyText, "empty");
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{c.Total} in '{c.Name}' ({string.Join(", ", kinds)})"));
        }

        var rows = RowsAffected == 1 ? "row" : "rows";
        return string.Create(CultureInfo.InvariantCulture,
            $"NaN or Inf cells: {MessageText.List(parts, noun: "columns")}; {RowsAffected} {rows} affected");
    }

    private static void AddKind(List<string> kinds, int count, string label)
    {
        if (count > 0)
        {
            kinds.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {label}"));
        }
    }
}
