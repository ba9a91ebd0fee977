using System.Globalization;

namespace Astrograd.Data;

/// <summary>
/// A table of named columns in file order, each numeric or text, all of <see cref="RowCount"/> rows.
/// Immutable: row and column selections return new tables.
/// </summary>
public sealed class DataTable
{
    private readonly DataColumn[] _columns;
    private readonly string[] _names;
    private readonly Dictionary<string, int> _byName;

    /// <summary>Creates a table from <paramref name="columns"/>, in that order.</summary>
    /// <param name="columns">At least one column; all of the same length, with distinct names.</param>
    /// <param name="source">Where the data came from (a file name), used in error messages; null if none.</param>
    /// <exception cref="ArgumentException">No columns, lengths differ, or a name repeats.</exception>
    public DataTable(IEnumerable<DataColumn> columns, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        if (_columns.Length == 0)
        {
            throw new ArgumentException("DataTable: at least one column is needed.", nameof(columns));
        }

        _names = new string[_columns.Length];
        _byName = new Dictionary<string, int>(_columns.Length, StringComparer.Ordinal);
        for (var c = 0; c < _columns.Length; c++)
        {
            var column = _columns[c] ?? throw new ArgumentException($"DataTable: column {c} is null.",
                nameof(columns));
            if (column.Length != _columns[0].Length)
            {
                throw new ArgumentException(
                    $"DataTable: column '{column.Name}' has {column.Length} rows, " +
                    $"column '{_columns[0].Name}' has {_columns[0].Length}.", nameof(columns));
            }

            if (!_byName.TryAdd(column.Name, c))
            {
                throw new ArgumentException($"DataTable: column name '{column.Name}' appears twice.",
                    nameof(columns));
            }

            _names[c] = column.Name;
        }

        Source = source;
    }

    /// <summary>Where the data came from (a file name), for error messages; null if not known.</summary>
    public string? Source { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => _columns[0].Length;

    /// <summary>The number of columns.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> ColumnNames => _names;

    /// <summary>The columns, in file order.</summary>
    public IReadOnlyList<DataColumn> Columns => _columns;

    /// <summary>The column at 0-based <paramref name="index"/>.</summary>
    /// <exception cref="DataException">No such index; the message gives the valid range.</exception>
    public DataColumn this[int index] => _columns[IndexOf(ColumnRef.FromIndex(index))];

    /// <summary>The column named exactly <paramref name="name"/> (case-sensitive).</summary>
    /// <exception cref="DataException">No such column; the message lists the available columns.</exception>
    public DataColumn this[string name] => _columns[IndexOf(ColumnRef.FromName(name))];

    /// <summary>The column that <paramref name="column"/> refers to (see <see cref="IndexOf"/>).</summary>
    public DataColumn Column(ColumnRef column) => _columns[IndexOf(column)];

    /// <summary>
    /// The 0-based index of <paramref name="column"/>: an exact (case-sensitive) name match first, then the
    /// index when the reference has one.
    /// </summary>
    /// <exception cref="DataException">No such column; the message lists the available columns.</exception>
    public int IndexOf(ColumnRef column)
    {
        if (column.Name is { } name && _byName.TryGetValue(name, out var byName))
        {
            return byName;
        }

        if (column.Index is { } index)
        {
            if (index < _columns.Length)
            {
                return index;
            }

            throw DataException.At(
                $"no column {index}: the table has {_columns.Length} columns (0..{_columns.Length - 1}): " +
                ListNames(), Source, column: index.ToString(CultureInfo.InvariantCulture));
        }

        if (column.Name is null)
        {
            throw new ArgumentException("DataTable.IndexOf: the column reference is empty.", nameof(column));
        }

        var hint = _names.FirstOrDefault(n => string.Equals(n, column.Name, StringComparison.OrdinalIgnoreCase));
        var didYouMean = hint is null ? string.Empty : $" (did you mean '{hint}'? names are case-sensitive)";
        throw DataException.At($"no column named '{column.Name}'{didYouMean}; available columns: {ListNames()}",
            Source, column: column.Name);
    }

    /// <summary>The indices of <paramref name="columns"/>, in the given order (see <see cref="IndexOf"/>).</summary>
    public int[] IndicesOf(IEnumerable<ColumnRef> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return [.. columns.Select(IndexOf)];
    }

    /// <summary>Whether a column is named exactly <paramref name="name"/>, and its index.</summary>
    public bool TryGetIndex(string name, out int index) => _byName.TryGetValue(name, out index);

    /// <summary>A table of the rows at <paramref name="rows"/> (0-based), in that order; repeats allowed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row index is outside [0, <see cref="RowCount"/>).</exception>
    public DataTable SelectRows(ReadOnlySpan<int> rows)
    {
        var selected = new DataColumn[_columns.Length];
        for (var c = 0; c < selected.Length; c++)
        {
            selected[c] = _columns[c].SelectRows(rows);
        }

        return new DataTable(selected, Source);
    }

    /// <summary>A table of the chosen columns, in the given order (the data are shared, not copied).</summary>
    public DataTable SelectColumns(IEnumerable<ColumnRef> columns) =>
        new(IndicesOf(columns).Select(i => _columns[i]), Source);

    /// <summary>
    /// Counts the missing and non-finite cells (NaN, +∞, −∞ in numeric columns; <c>""</c> in text columns)
    /// of the chosen columns, or of all columns when <paramref name="columns"/> is null.
    /// </summary>
    public MissingReport CountMissing(IEnumerable<ColumnRef>? columns = null)
    {
        var indices = columns is null ? Enumerable.Range(0, _columns.Length).ToArray() : IndicesOf(columns);
        var badRow = new bool[RowCount];
        var counts = new ColumnMissing[indices.Length];
        for (var k = 0; k < indices.Length; k++)
        {
            counts[k] = CountColumn(indices[k], badRow);
        }

        return new MissingReport(counts, badRow.Count(b => b));
    }

    /// <summary>
    /// A table without the rows that have a missing or non-finite cell (see <see cref="CountMissing"/>)
    /// in the chosen columns, or in any column when <paramref name="columns"/> is null.
    /// </summary>
    /// <param name="columns">The columns to check, or null for all.</param>
    /// <param name="dropped">The number of rows left out.</param>
    public DataTable DropRowsWithMissing(IEnumerable<ColumnRef>? columns, out int dropped)
    {
        var indices = columns is null ? Enumerable.Range(0, _columns.Length).ToArray() : IndicesOf(columns);
        var badRow = new bool[RowCount];
        foreach (var c in indices)
        {
            _ = CountColumn(c, badRow);
        }

        var keep = new List<int>(RowCount);
        for (var r = 0; r < badRow.Length; r++)
        {
            if (!badRow[r])
            {
                keep.Add(r);
            }
        }

        dropped = RowCount - keep.Count;
        return dropped == 0 ? this : SelectRows(keep.ToArray());
    }

    /// <summary>
    /// Copies the chosen numeric columns into <paramref name="destination"/> row-major: element
    /// [r·k + j] = column <paramref name="columns"/>[j] at row r, shape [<see cref="RowCount"/>, k].
    /// </summary>
    /// <exception cref="DataException">A chosen column holds text.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not RowCount·k long.</exception>
    public void CopyRowMajor(ReadOnlySpan<int> columns, Span<double> destination)
    {
        var k = columns.Length;
        CheckDestination(k, destination.Length);
        for (var j = 0; j < k; j++)
        {
            var values = NumericColumn(columns[j]);
            for (var r = 0; r < values.Length; r++)
            {
                destination[(r * k) + j] = values[r];
            }
        }
    }

    /// <summary>As <see cref="CopyRowMajor(ReadOnlySpan{int}, Span{double})"/>, rounded to float32.</summary>
    public void CopyRowMajor(ReadOnlySpan<int> columns, Span<float> destination)
    {
        var k = columns.Length;
        CheckDestination(k, destination.Length);
        for (var j = 0; j < k; j++)
        {
            var values = NumericColumn(columns[j]);
            for (var r = 0; r < values.Length; r++)
            {
                destination[(r * k) + j] = (float)values[r];
            }
        }
    }

    /// <summary>The chosen numeric columns as a new row-major array of shape [<see cref="RowCount"/>, k].</summary>
    public double[] ToRowMajor(ReadOnlySpan<int> columns)
    {
        var result = new double[(long)RowCount * columns.Length];
        CopyRowMajor(columns, result);
        return result;
    }

    private ReadOnlySpan<double> NumericColumn(int index) => RequireNumeric(index).Numbers;

    // The column at index, refused with one message when it holds text (shared with Standardizer).
    internal DataColumn RequireNumeric(int index)
    {
        var column = _columns[IndexOf(ColumnRef.FromIndex(index))];
        if (column.Kind != ColumnKind.Numeric)
        {
            throw DataException.At("expected a numeric column, found text (class labels need a LabelEncoder)",
                Source, column: column.Name);
        }

        return column;
    }

    private void CheckDestination(int k, int length)
    {
        if ((long)RowCount * k != length)
        {
            throw new ArgumentException(
                $"CopyRowMajor: destination holds {length} values, [{RowCount}, {k}] needs {(long)RowCount * k}.",
                "destination");
        }
    }

    private ColumnMissing CountColumn(int index, bool[] badRow)
    {
        var column = _columns[index];
        int nan = 0, positive = 0, negative = 0, empty = 0;
        if (column.Kind == ColumnKind.Numeric)
        {
            var values = column.Numbers;
            for (var r = 0; r < values.Length; r++)
            {
                var v = values[r];
                if (double.IsFinite(v))
                {
                    continue;
                }

                badRow[r] = true;
                if (double.IsNaN(v))
                {
                    nan++;
                }
                else if (v > 0)
                {
                    positive++;
                }
                else
                {
                    negative++;
                }
            }
        }
        else
        {
            var texts = column.Texts;
            for (var r = 0; r < texts.Length; r++)
            {
                if (texts[r].Length == 0)
                {
                    badRow[r] = true;
                    empty++;
                }
            }
        }

        return new ColumnMissing(column.Name, index, nan, positive, negative, empty);
    }

    private string ListNames() => MessageText.List(_names, 10);
}
