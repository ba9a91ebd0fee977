namespace Astrograd.Data;

/// <summary>Whether a column holds numbers or text.</summary>
public enum ColumnKind
{
    /// <summary>Numbers (double); a missing cell is NaN.</summary>
    Numeric,

    /// <summary>Text such as class labels; a missing cell is the empty string.</summary>
    Text,
}

/// <summary>
/// One named column of a <see cref="DataTable"/>: either numbers (<see cref="Numbers"/>, missing = NaN)
/// or text (<see cref="Texts"/>, missing = <c>""</c>). Immutable.
/// </summary>
public sealed class DataColumn
{
    private readonly double[]? _numbers;
    private readonly string[]? _texts;

    private DataColumn(string name, double[]? numbers, string[]? texts, CellFault? fault = null)
    {
        Name = name;
        _numbers = numbers;
        _texts = texts;
        Fault = fault;
    }

    /// <summary>The column's name (header text, or <c>col</c> + index when the file had no header).</summary>
    public string Name { get; }

    /// <summary>
    /// The first cell a reader could not use (text in a numeric column, read with
    /// <see cref="CsvOptions.DeferCellFaults"/>), held back until the column is used; null when none.
    /// </summary>
    public CellFault? Fault { get; }

    /// <summary>Whether the column holds numbers or text.</summary>
    public ColumnKind Kind => _numbers is not null ? ColumnKind.Numeric : ColumnKind.Text;

    /// <summary>The number of rows.</summary>
    public int Length => _numbers?.Length ?? _texts!.Length;

    /// <summary>The values of a numeric column, one per row; NaN marks a missing cell.</summary>
    /// <exception cref="InvalidOperationException">The column holds text.</exception>
    public ReadOnlySpan<double> Numbers => _numbers ?? throw new InvalidOperationException(
        $"Column '{Name}' holds text, not numbers; use Texts, or a LabelEncoder for class labels.");

    /// <summary>The cells of a text column, one per row; <c>""</c> marks a missing cell.</summary>
    /// <exception cref="InvalidOperationException">The column holds numbers.</exception>
    public ReadOnlySpan<string> Texts => _texts ?? throw new InvalidOperationException(
        $"Column '{Name}' holds numbers, not text; use Numbers.");

    /// <summary>A numeric column holding a copy of <paramref name="values"/>.</summary>
    public static DataColumn Numeric(string name, ReadOnlySpan<double> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new DataColumn(name, values.ToArray(), null);
    }

    /// <summary>A text column holding a copy of <paramref name="values"/> (null cells become <c>""</c>).</summary>
    public static DataColumn Text(string name, ReadOnlySpan<string?> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var copy = new string[values.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = values[i] ?? string.Empty;
        }

        return new DataColumn(name, null, copy);
    }

    /// <summary>Whether row <paramref name="row"/> is missing (NaN or <c>""</c>).</summary>
    public bool IsMissing(int row) =>
        _numbers is not null ? double.IsNaN(_numbers[row]) : _texts![row].Length == 0;

    /// <summary>The cell at <paramref name="row"/> as text (numbers in round-trip invariant form).</summary>
    public string FormatCell(int row) =>
        _numbers is not null
            ? _numbers[row].ToString("R", System.Globalization.CultureInfo.InvariantCulture)
            : _texts![row];

    /// <summary>The same column under another name (the data are shared, not copied).</summary>
    public DataColumn Rename(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new DataColumn(name, _numbers, _texts, Fault);
    }

    /// <summary>A column of the rows at <paramref name="rows"/>, in that order (repeats allowed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row index is outside [0, <see cref="Length"/>).</exception>
    public DataColumn SelectRows(ReadOnlySpan<int> rows)
    {
        var length = Length;
        foreach (var r in rows)
        {
            if ((uint)r >= (uint)length)
            {
                throw new ArgumentOutOfRangeException(nameof(rows),
                    $"SelectRows: row {r} is outside the column's {length} rows.");
            }
        }

        if (_numbers is not null)
        {
            var numbers = new double[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                numbers[i] = _numbers[rows[i]];
            }

            return new DataColumn(Name, numbers, null, Fault);
        }

        var texts = new string[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            texts[i] = _texts![rows[i]];
        }

        return new DataColumn(Name, null, texts, Fault);
    }

    // The reader hands over arrays it built; no copy.
    internal static DataColumn Own(string name, double[] values, CellFault? fault = null) =>
        new(name, values, null, fault);

    // The same column (name, fault) holding other numbers, owned without a copy.
    internal DataColumn WithNumbers(double[] values) => new(Name, values, null, Fault);

    internal static DataColumn Own(string name, string[] values) => new(name, null, values);
}
