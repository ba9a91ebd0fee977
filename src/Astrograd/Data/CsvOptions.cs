namespace Astrograd.Data;

/// <summary>How the cells of a delimited text file are separated.</summary>
public enum CsvDelimiter
{
    /// <summary>
    /// Detected from the first data line: the most frequent of comma, tab and semicolon outside quotes;
    /// when none occurs, runs of spaces (<see cref="Whitespace"/>) if the line has any, else comma.
    /// </summary>
    Auto,

    /// <summary>Comma (<c>,</c>), as in RFC 4180.</summary>
    Comma,

    /// <summary>Semicolon (<c>;</c>).</summary>
    Semicolon,

    /// <summary>Tab.</summary>
    Tab,

    /// <summary>Runs of spaces and tabs; leading and trailing white space on a line is ignored.</summary>
    Whitespace,
}

/// <summary>Options for <see cref="CsvReader"/>. The defaults read most survey tables as they are.</summary>
public sealed record CsvOptions
{
    /// <summary>The options with every default.</summary>
    public static CsvOptions Default { get; } = new();

    /// <summary>The cell separator; <see cref="CsvDelimiter.Auto"/> by default.</summary>
    public CsvDelimiter Delimiter { get; init; } = CsvDelimiter.Auto;

    /// <summary>
    /// Whether the first non-comment record is a header: true, false, or null (the default) to detect it.
    /// Detected: a header when that record has a cell that is neither a number nor a missing-value spelling.
    /// Otherwise, when the last comment line before it splits into as many names as the record has cells
    /// (e.g. <c># ra dec z</c>, or ANNZ's <c>#F:MAG_U;F:MAGERR_U;…</c>), that comment is the header; else the
    /// columns are named <c>col0</c>, <c>col1</c>, ….
    /// </summary>
    public bool? HasHeader { get; init; }

    /// <summary>
    /// The character that starts a comment line (after optional spaces), or null for none; <c>#</c> by default.
    /// Comment lines are skipped wherever they occur.
    /// </summary>
    public char? CommentChar { get; init; } = '#';

    /// <summary>
    /// Column names to use instead of the header (or of <c>col0</c>, …); their count must equal the number
    /// of cells per record. Null (the default) keeps the file's names.
    /// </summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>
    /// Columns (names or 0-based indices, see <see cref="ColumnRef"/>) kept as text even when their cells
    /// look numeric, such as object identifiers. Other columns are text when their first non-missing cell
    /// is text, and numeric otherwise.
    /// </summary>
    public IReadOnlyList<ColumnRef>? TextColumns { get; init; }

    /// <summary>
    /// A number that means "missing" in numeric columns (e.g. −9999), compared as a number after parsing;
    /// null (the default) for none.
    /// </summary>
    public double? MissingSentinel { get; init; }

    /// <summary>
    /// False (the default): text in a numeric column is an error naming its line. True: the cell reads as NaN
    /// and the first such cell is kept as the column's <see cref="DataColumn.Fault"/>, to be raised only when
    /// the column is used (training and prediction do so for their feature and target columns).
    /// </summary>
    public bool DeferCellFaults { get; init; }
}
