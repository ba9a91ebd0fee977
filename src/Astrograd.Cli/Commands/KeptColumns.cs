using System.Globalization;
using System.Text;
using Astrograd.Data;
using Astrograd.Data.Fits;

namespace Astrograd.Cli.Commands;

/// <summary>
/// <c>predict --keep OBJID,RA,DEC</c>: input columns copied into the predictions, first, so that they join back to a
/// catalogue by identifier rather than by row order. A column that is no model input is read as text, so that its
/// cells are written exactly as the file holds them (a 19-digit objid would lose digits as a double); FITS integer
/// columns keep their exact values and are written back as 64-bit integers.
/// </summary>
internal sealed class KeptColumns
{
    private readonly IReadOnlyList<DataColumn> _columns;

    private KeptColumns(IReadOnlyList<DataColumn> columns) => _columns = columns;

    /// <summary>The names of --keep: comma-separated, each once; null when not given.</summary>
    /// <exception cref="CliUsageException">An empty name, or a name listed twice.</exception>
    public static IReadOnlyList<string>? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var names = text.Split(',', StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Length == 0))
        {
            throw new CliUsageException($"--keep: '{text}' has an empty column name; give names such as OBJID,RA,DEC");
        }

        var twice = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null
            ? names
            : throw new CliUsageException($"--keep: lists '{twice.Key}' {twice.Count()} times; list each column once");
    }

    /// <summary>The columns of <paramref name="table"/> named <paramref name="names"/>.</summary>
    /// <exception cref="CliDataException">The table lacks one of them.</exception>
    public static KeptColumns From(DataTable table, IReadOnlyList<string> names)
    {
        var columns = new List<DataColumn>(names.Count);
        foreach (var name in names)
        {
            try
            {
                columns.Add(table.Columns[table.IndexOf(ColumnRef.FromName(name))]);
            }
            catch (DataException e)
            {
                throw new CliDataException($"--keep: {e.Message}", e);
            }
        }

        return new KeptColumns(columns);
    }

    /// <summary>Refuses a kept column named like one of the predictions: the output's names must differ.</summary>
    public void ThrowIfClashing(IEnumerable<string> predictionNames)
    {
        var taken = predictionNames.ToHashSet(StringComparer.Ordinal);
        if (_columns.FirstOrDefault(c => taken.Contains(c.Name)) is { } clash)
        {
            throw new CliUsageException($"--keep: column '{clash.Name}' has the name of a prediction column, and the " +
                "output's columns must differ; leave it out (evaluate compares predictions with the true values)");
        }
    }

    /// <summary><paramref name="csv"/> (a header line, then one line per row) with the kept cells in front.</summary>
    public string Prepend(string csv)
    {
        var lines = csv.Split('\n');
        var sb = new StringBuilder(csv.Length * 2);
        for (var i = 0; i < lines.Length && (lines[i].Length > 0 || i < lines.Length - 1); i++)
        {
            for (var c = 0; c < _columns.Count; c++)
            {
                sb.Append(i == 0 ? Cell(_columns[c].Name) : Cell(_columns[c], i - 1)).Append(',');
            }

            sb.Append(lines[i]).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The kept columns for a FITS table, then <paramref name="predictions"/>: text that holds whole
    /// numbers as K (missing: TNULL = −2^63), other numbers as D, other text as A.</summary>
    public IReadOnlyList<FitsWriteColumn> Prepend(IReadOnlyList<FitsWriteColumn> predictions)
    {
        var columns = new List<FitsWriteColumn>(_columns.Count + predictions.Count);
        foreach (var column in _columns)
        {
            try
            {
                columns.Add(ToFits(column));
            }
            catch (ArgumentException e)
            {
                throw new CliDataException($"--keep: {e.Message.Replace(" (Parameter 'values')", "",
                    StringComparison.Ordinal)}; write the predictions as CSV", e);
            }
        }

        columns.AddRange(predictions);
        return columns;
    }

    private static FitsWriteColumn ToFits(DataColumn column)
    {
        if (column.Kind == ColumnKind.Numeric)
        {
            return FitsWriteColumn.Double(column.Name, column.Numbers);
        }

        var texts = column.Texts;
        var integers = new long[texts.Length];
        var whole = true;
        for (var r = 0; r < texts.Length && whole; r++)
        {
            integers[r] = texts[r].Length == 0 ? long.MinValue : 0;
            whole = texts[r].Length == 0 || (long.TryParse(texts[r], NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out integers[r]) && integers[r] != long.MinValue);
        }

        if (whole)
        {
            return FitsWriteColumn.Int64(column.Name, integers, texts.Contains(string.Empty) ? long.MinValue : null);
        }

        // Numbers that are not whole (RA, DEC read as text) as D; anything else as A.
        var numbers = new double[texts.Length];
        for (var r = 0; r < texts.Length; r++)
        {
            if (texts[r].Length == 0)
            {
                numbers[r] = double.NaN;
            }
            else if (!double.TryParse(texts[r], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[r]))
            {
                return FitsWriteColumn.Text(column.Name, texts!);
            }
        }

        return FitsWriteColumn.Double(column.Name, numbers);
    }

    // A missing number is an empty cell, as a missing text is.
    private static string Cell(DataColumn column, int row) =>
        column.IsMissing(row) ? string.Empty
        : column.Kind == ColumnKind.Numeric ? column.Numbers[row].ToString("R", CultureInfo.InvariantCulture)
        : Cell(column.Texts[row]);

    // RFC 4180: a cell holding a comma, a quote or a line break is quoted, its quotes doubled.
    private static string Cell(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
