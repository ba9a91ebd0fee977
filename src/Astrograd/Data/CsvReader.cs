using System.Globalization;
using System.IO.Compression;
using System.Text;
using Astrograd.IO;

namespace Astrograd.Data;

/// <summary>
/// Reads delimited text tables (CSV and its cousins) into a <see cref="DataTable"/>, record by record:
/// memory grows with the parsed values, not with the text (a 5-million-row file needs about the size of
/// its numbers). See <see cref="CsvOptions"/> for header, delimiter and missing-value rules and
/// <see cref="NumberText"/> for the number spellings; numbers always parse in the invariant culture.
/// </summary>
/// <remarks>
/// Errors are <see cref="DataException"/>s naming the source, the 1-based line and the column: an empty
/// file or a header without rows (<c>no data rows</c>), a record with another number of cells than the
/// first (ragged), text in a numeric column, a repeated header name, an unclosed quote.
/// </remarks>
public static class CsvReader
{
    /// <summary>
    /// Reads the file at <paramref name="path"/> (UTF-8, with or without BOM; gzip-compressed when the name
    /// ends in <c>.gz</c>). Errors name the path as given.
    /// </summary>
    /// <exception cref="DataException">The file cannot be opened or read, or its content is not a table.</exception>
    public static DataTable ReadFile(string path, CsvOptions? options = null) => ReadFile(path, options, null);

    /// <summary>
    /// As <see cref="ReadFile(string, CsvOptions?)"/>, calling <paramref name="bytesRead"/> after every read
    /// from the file with the number of its bytes read so far (compressed bytes for <c>.gz</c>), to compare with
    /// the file's length; null for no reports. It runs on the reading thread, so it should be quick.
    /// </summary>
    /// <exception cref="DataException">The file cannot be opened or read, or its content is not a table.</exception>
    public static DataTable ReadFile(string path, CsvOptions? options, Action<long>? bytesRead)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using Stream counted = bytesRead is null ? file : new ProgressStream(file, bytesRead);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(counted, CompressionMode.Decompress)
                : counted;
            return Read(stream, options, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw DataException.At($"cannot read the file: {e.Message}", path, innerException: e);
        }
    }

    /// <summary>Reads a table from UTF-8 bytes (a leading BOM is skipped); the stream is left open.</summary>
    /// <param name="stream">The bytes of the table.</param>
    /// <param name="options">Reading options, or null for <see cref="CsvOptions.Default"/>.</param>
    /// <param name="source">A name for the source in error messages (e.g. a file name), or null.</param>
    public static DataTable Read(Stream stream, CsvOptions? options = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true,
            bufferSize: 1 << 16, leaveOpen: true);
        return Read(reader, options, source);
    }

    /// <summary>Reads a table from <paramref name="text"/>, record by record; the reader is left open.</summary>
    /// <param name="text">The text of the table.</param>
    /// <param name="options">Reading options, or null for <see cref="CsvOptions.Default"/>.</param>
    /// <param name="source">A name for the source in error messages (e.g. a file name), or null.</param>
    /// <exception cref="DataException">The text is not a table; the message names line and column.</exception>
    public static DataTable Read(TextReader text, CsvOptions? options = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= CsvOptions.Default;
        var tokenizer = new CsvTokenizer(text, options.Delimiter, options.CommentChar, source);

        // The first record, and the last comment line before it (a possible "# name name ..." header).
        string? lastComment = null;
        CsvRecordKind kind;
        while ((kind = tokenizer.Read()) == CsvRecordKind.Comment)
        {
            lastComment = tokenizer.CommentText;
        }

        if (kind == CsvRecordKind.End)
        {
            var what = lastComment is null ? "the input is empty" : "the input holds only comment lines";
            throw DataException.At($"no data rows: {what}", source);
        }

        var firstLine = tokenizer.RecordLine;
        var first = new string[tokenizer.FieldCount];
        for (var i = 0; i < first.Length; i++)
        {
            first[i] = tokenizer.Field(i).ToString();
        }

        var isHeader = options.HasHeader ?? first.Any(cell => NumberText.Classify(cell, out _) == CellKind.Text);
        var names = isHeader ? first
            : options.HasHeader is null ? CommentHeader(lastComment, first.Length) : null;
        names = ColumnNames(options, names, first.Length, source, firstLine);

        var builders = CreateBuilders(names, options.TextColumns, options.DeferCellFaults, source);
        try
        {
            var rows = 0;
            if (!isHeader)
            {
                AddRecord(builders, first.Length, i => first[i], options.MissingSentinel, source, firstLine);
                rows++;
            }

            rows += ReadRows(tokenizer, builders, options.MissingSentinel, source, firstLine);
            if (rows == 0)
            {
                throw DataException.At(string.Create(CultureInfo.InvariantCulture,
                    $"no data rows: only a header (line {firstLine})"), source);
            }

            // Column by column, so each column's chunks are freed before the next array is made.
            var columns = new DataColumn[builders.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                columns[c] = builders[c].Build();
            }

            return new DataTable(columns, source);
        }
        finally
        {
            foreach (var builder in builders)
            {
                builder.Dispose();
            }
        }
    }

    private static int ReadRows(CsvTokenizer tokenizer, ColumnBuilder[] builders, double? sentinel, string? source,
        int firstLine)
    {
        var rows = 0;
        CsvRecordKind kind;
        while ((kind = tokenizer.Read()) != CsvRecordKind.End)
        {
            if (kind == CsvRecordKind.Comment)
            {
                continue;
            }

            var line = tokenizer.RecordLine;
            if (tokenizer.FieldCount != builders.Length)
            {
                throw DataException.At(string.Create(CultureInfo.InvariantCulture,
                    $"expected {builders.Length} cells as on line {firstLine}, found {tokenizer.FieldCount} " +
                    $"(delimiter: {DelimiterText(tokenizer.Delimiter)})"), source, line);
            }

            AddRecord(builders, builders.Length, tokenizer, sentinel, source, line);
            rows++;
        }

        return rows;
    }

    /// <summary>Reads a table held in a string (convenient for small inline tables).</summary>
    public static DataTable Parse(string text, CsvOptions? options = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Read(reader, options, source);
    }

    private static void AddRecord(ColumnBuilder[] builders, int count, Func<int, string> cell, double? sentinel,
        string? source, int line)
    {
        for (var c = 0; c < count; c++)
        {
            var text = cell(c);
            if (!builders[c].Add(text, sentinel, line))
            {
                throw StrayText(builders[c], text, source, line);
            }
        }
    }

    private static void AddRecord(ColumnBuilder[] builders, int count, CsvTokenizer tokenizer, double? sentinel,
        string? source, int line)
    {
        for (var c = 0; c < count; c++)
        {
            if (!builders[c].Add(tokenizer.Field(c), sentinel, line))
            {
                throw StrayText(builders[c], tokenizer.Field(c).ToString(), source, line);
            }
        }
    }

    private static DataException StrayText(ColumnBuilder builder, string text, string? source, int line) =>
        DataException.At(builder.StrayText(text, line), source, line, builder.Name);

    // "# ra dec z" or ANNZ's "#F:MAG_U;F:MAGERR_U;D:Z" before headerless data: names when they fit.
    private static string[]? CommentHeader(string? comment, int cellCount)
    {
        if (comment is null)
        {
            return null;
        }

        var delimiter = CsvTokenizer.DetectDelimiter(comment);
        var names = delimiter == CsvDelimiter.Whitespace
            ? comment.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : comment.Split(delimiter switch
            {
                CsvDelimiter.Semicolon => ';',
                CsvDelimiter.Tab => '\t',
                _ => ',',
            }, StringSplitOptions.TrimEntries);

        var fits = names.Length == cellCount
            && names.All(n => n.Length > 0)
            && names.Any(n => NumberText.Classify(n, out _) == CellKind.Text);
        if (!fits)
        {
            return null;
        }

        // ANNZ writes "type:name" (F: float, D: double, I: int, ...): the type is not part of the name.
        var typed = names.All(n => n.IndexOf(':', StringComparison.Ordinal) is > 0 and <= 3 && n[^1] != ':'
            && n.AsSpan(0, n.IndexOf(':', StringComparison.Ordinal)).IndexOfAnyExceptInRange('A', 'Z') < 0);
        return typed ? [.. names.Select(n => n[(n.IndexOf(':', StringComparison.Ordinal) + 1)..])] : names;
    }

    private static string[] ColumnNames(CsvOptions options, string[]? found, int cellCount, string? source,
        int firstLine)
    {
        string[] names;
        if (options.ColumnNames is { } given)
        {
            if (given.Count != cellCount)
            {
                throw DataException.At(string.Create(CultureInfo.InvariantCulture,
                    $"CsvOptions.ColumnNames gives {given.Count} names, the records have {cellCount} cells"),
                    source, firstLine);
            }

            names = [.. given];
        }
        else
        {
            names = found is null ? new string[cellCount] : [.. found.Select(n => n.Trim())];
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (string.IsNullOrEmpty(names[i]))
            {
                names[i] = string.Create(CultureInfo.InvariantCulture, $"col{i}");
            }

            if (!seen.TryAdd(names[i], i))
            {
                throw DataException.At(string.Create(CultureInfo.InvariantCulture,
                    $"the header names '{names[i]}' twice (columns {seen[names[i]]} and {i}); names must be unique"),
                    source, firstLine, names[i]);
            }
        }

        return names;
    }

    private static ColumnBuilder[] CreateBuilders(string[] names, IReadOnlyList<ColumnRef>? textColumns,
        bool deferFaults, string? source)
    {
        var forced = new bool[names.Length];
        foreach (var column in textColumns ?? [])
        {
            var index = Array.IndexOf(names, column.Name);
            if (index < 0 && column.Index is { } i && i < names.Length)
            {
                index = i;
            }

            if (index < 0)
            {
                throw DataException.At(
                    $"no column named '{column}' to read as text; available columns: " +
                    $"{MessageText.List(names, 10)}", source, column: column.ToString());
            }

            forced[index] = true;
        }

        return [.. names.Select((n, i) => new ColumnBuilder(n, forced[i], deferFaults))];
    }

    // As a user would write it, not the enum's name.
    private static string DelimiterText(CsvDelimiter delimiter) => delimiter switch
    {
        CsvDelimiter.Comma => "','",
        CsvDelimiter.Semicolon => "';'",
        CsvDelimiter.Tab => "tab",
        CsvDelimiter.Whitespace => "spaces",
        _ => "auto",
    };
}
