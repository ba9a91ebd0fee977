using System.Globalization;

namespace Astrograd.Data.Fits;

/// <summary>
/// Writes a FITS file of two HDUs: an empty primary HDU (<c>SIMPLE = T</c>, <c>NAXIS = 0</c>,
/// <c>EXTEND = T</c>) and one BINTABLE extension holding the columns, one value per row (TFORMs E, D, J, K, A,
/// L), big-endian, padded with zeros to a whole 2880-byte block. TNULLn is written only for integer columns
/// given a null value.
/// </summary>
public static class FitsWriter
{
    // Rows are written about this many bytes at a time.
    private const int ChunkBytes = 1 << 20;

    /// <summary>Writes the table to <paramref name="stream"/> (left open), from its current position.</summary>
    /// <param name="stream">Where the bytes go.</param>
    /// <param name="columns">At least one column, at most 999, all of the same length, with distinct names.</param>
    /// <param name="extensionName">The EXTNAME of the table HDU, or null for none.</param>
    /// <exception cref="ArgumentException">No columns, too many, lengths differ, or a name repeats.</exception>
    public static void Write(Stream stream, IReadOnlyList<FitsWriteColumn> columns, string? extensionName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(columns);
        var rows = Check(columns);
        if (extensionName is not null && (extensionName.AsSpan().ContainsAnyExceptInRange(' ', '~')
            || FitsCardWriter.QuotedLength(extensionName) > FitsCardWriter.MaxQuoted))
        {
            throw new ArgumentException(
                $"FitsWriter: EXTNAME '{extensionName}' must be printable ASCII of at most 68 characters",
                nameof(extensionName));
        }

        var rowLength = columns.Sum(c => (long)c.Width);
        if (rowLength > Array.MaxLength)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"FitsWriter: rows of {rowLength} bytes are too long to write"), nameof(columns));
        }

        var primary = new FitsCardWriter();
        primary.Add("SIMPLE", true, "conforms to the FITS standard");
        primary.Add("BITPIX", 8);
        primary.Add("NAXIS", 0, "no primary data; the table is in HDU 1");
        primary.Add("EXTEND", true);
        primary.AddEnd();
        stream.Write(primary.ToBlocks());

        var header = new FitsCardWriter();
        header.Add("XTENSION", "BINTABLE", "binary table");
        header.Add("BITPIX", 8);
        header.Add("NAXIS", 2);
        header.Add("NAXIS1", rowLength, "bytes per row");
        header.Add("NAXIS2", rows, "rows");
        header.Add("PCOUNT", 0);
        header.Add("GCOUNT", 1);
        header.Add("TFIELDS", columns.Count);
        for (var c = 0; c < columns.Count; c++)
        {
            var n = (c + 1).ToString(CultureInfo.InvariantCulture);
            header.Add("TTYPE" + n, columns[c].Name);
            header.Add("TFORM" + n, columns[c].Format);
            if (columns[c].Null is { } nullValue)
            {
                header.Add("TNULL" + n, nullValue, "stored value of a missing cell");
            }
        }

        if (extensionName is not null)
        {
            header.Add("EXTNAME", extensionName);
        }

        header.AddEnd();
        stream.Write(header.ToBlocks());

        WriteRows(stream, columns, rows, (int)rowLength);
    }

    /// <summary>
    /// The columns of <paramref name="table"/> for <see cref="Write"/>: numeric columns as D (NaN stays NaN),
    /// text columns as A.
    /// </summary>
    public static IReadOnlyList<FitsWriteColumn> ColumnsOf(DataTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return [.. table.Columns.Select(c => c.Kind == ColumnKind.Numeric
            ? FitsWriteColumn.Double(c.Name, c.Numbers)
            : FitsWriteColumn.Text(c.Name, c.Texts))];
    }

    private static int Check(IReadOnlyList<FitsWriteColumn> columns)
    {
        if (columns.Count is 0 or > 999)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"FitsWriter: a table has 1 to 999 columns (TFIELDS), got {columns.Count}"), nameof(columns));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(columns));
            if (column.Length != columns[0].Length)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"FitsWriter: column '{column.Name}' has {column.Length} rows, '{columns[0].Name}' has " +
                    $"{columns[0].Length}"), nameof(columns));
            }

            if (!names.Add(column.Name.TrimEnd(' ')))
            {
                throw new ArgumentException($"FitsWriter: column name '{column.Name}' appears twice", nameof(columns));
            }
        }

        return columns[0].Length;
    }

    private static void WriteRows(Stream stream, IReadOnlyList<FitsWriteColumn> columns, int rows, int rowLength)
    {
        var chunkRows = rowLength == 0 ? 1 : Math.Clamp(ChunkBytes / rowLength, 1, Math.Max(rows, 1));
        var buffer = new byte[chunkRows * rowLength];
        for (var first = 0; first < rows; first += chunkRows)
        {
            var count = Math.Min(chunkRows, rows - first);
            for (var r = 0; r < count; r++)
            {
                var at = r * rowLength;
                foreach (var column in columns)
                {
                    column.WriteCell(first + r, buffer.AsSpan(at, column.Width));
                    at += column.Width;
                }
            }

            stream.Write(buffer, 0, count * rowLength);
        }

        // Zeros to the end of the last data block.
        var data = (long)rows * rowLength;
        var padding = (int)(FitsHdu.RoundUpToBlock(data) - data);
        stream.Write(new byte[padding]);
    }
}
