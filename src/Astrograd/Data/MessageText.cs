using System.Globalization;

namespace Astrograd.Data;

/// <summary>
/// How a one-line message shows lists and cell text: cut short, so that naming every class of a float column, every
/// column of a wide FITS table or a 5,000-character cell cannot make a message of kilobytes.
/// </summary>
public static class MessageText
{
    /// <summary>How many items a list shows by default.</summary>
    public const int Shown = 5;

    /// <summary>How many characters of a cell a message quotes.</summary>
    public const int CellLength = 60;

    /// <summary>
    /// The first <paramref name="shown"/> items joined by <paramref name="separator"/>, then <c> and N more</c>
    /// (with <paramref name="noun"/>: <c> and N more columns</c>); all of them when at most one would be left out:
    /// <c>'a', 'b', 'c' and 517 more</c>.
    /// </summary>
    public static string List(IEnumerable<string> items, int shown = Shown, string? noun = null,
        string separator = ", ")
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(shown, 1);
        var all = items as IReadOnlyList<string> ?? [.. items];
        if (all.Count <= shown + 1)
        {
            return string.Join(separator, all);
        }

        var what = noun is null ? string.Empty : " " + noun;
        return string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(separator, all.Take(shown))} and {all.Count - shown} more{what}");
    }

    /// <summary>The text of a cell as a message quotes it: whole, or its first <see cref="CellLength"/> characters,
    /// <c>…</c> and its length.</summary>
    public static string Cell(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= CellLength + 20
            ? text
            : string.Create(CultureInfo.InvariantCulture, $"{text[..CellLength]}… ({text.Length} characters)");
    }
}
