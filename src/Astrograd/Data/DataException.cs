using System.Globalization;

namespace Astrograd.Data;

/// <summary>
/// A fault in the data a user gave (a file, a table, a label), as opposed to a bug or a wrong argument.
/// The message is one line that names where the fault is (file, 1-based line, column) when known, and what
/// was expected: <c>stars.csv, line 12, column 'u': expected a number, found 'abc'</c>.
/// </summary>
public sealed class DataException : Exception
{
    /// <summary>Creates the exception with a complete one-line message and no location.</summary>
    public DataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a complete one-line message, wrapping the fault that caused it.</summary>
    public DataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message of its own (for serializers and frameworks).</summary>
    public DataException()
    {
    }

    private DataException(string message, string? file, int? line, string? column, Exception? innerException)
        : base(message, innerException)
    {
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The file (as the user named it) or source the fault is in; null when not from a file.</summary>
    public string? File { get; }

    /// <summary>The 1-based line number of the fault in <see cref="File"/>; null when not known.</summary>
    public int? Line { get; }

    /// <summary>The column (its name, or its 0-based index as text) the fault is in; null when not known.</summary>
    public string? Column { get; }

    /// <summary>
    /// Creates the exception with its message built as <c>file, line N, column 'c': what</c>, leaving out
    /// the parts that are null.
    /// </summary>
    /// <param name="what">What was expected and what was found, e.g. <c>expected a number, found 'abc'</c>.</param>
    /// <param name="file">The file or source name, or null.</param>
    /// <param name="line">The 1-based line number, or null.</param>
    /// <param name="column">The column name (or index as text), or null.</param>
    /// <param name="innerException">The fault that caused this one, or null.</param>
    public static DataException At(string what, string? file = null, int? line = null, string? column = null,
        Exception? innerException = null)
    {
        ArgumentNullException.ThrowIfNull(what);

        var parts = new List<string>(4);
        if (file is not null)
        {
            parts.Add(file);
        }

        if (line is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"line {line.Value}"));
        }

        if (column is not null)
        {
            parts.Add($"column '{column}'");
        }

        var message = parts.Count == 0 ? what : $"{string.Join(", ", parts)}: {what}";
        return new DataException(OneLine(message), file, line, column, innerException);
    }

    // Messages are one line even when they quote a cell that held a newline.
    private static string OneLine(string text) =>
        text.Contains('\n') || text.Contains('\r')
            ? text.Replace("\r\n", "\\n", StringComparison.Ordinal)
                .Replace("\r", "\\r", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal)
            : text;
}
