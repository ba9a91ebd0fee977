using System.Globalization;

namespace Astrograd.Data;

/// <summary>
/// A column chosen by name or by 0-based index, as a user writes it on a command line: <c>"ra"</c> is a
/// name, <c>"3"</c> is the fourth column unless a column is named exactly <c>"3"</c>.
/// </summary>
public readonly record struct ColumnRef
{
    // Index + 1, so that default(ColumnRef) refers to nothing rather than to column 0.
    private readonly int _indexPlusOne;

    private ColumnRef(string? name, int index)
    {
        Name = name;
        _indexPlusOne = index + 1;
    }

    /// <summary>The name to look for, or null when the column was given only by index.</summary>
    public string? Name { get; }

    /// <summary>The 0-based index to fall back on, or null when the column was given only by name.</summary>
    public int? Index => _indexPlusOne > 0 ? _indexPlusOne - 1 : null;

    /// <summary>
    /// Reads a column as written by a user: text of ASCII digits only is an index (and also a name, which
    /// wins when a column has exactly that name); any other text is a name, matched case-sensitively.
    /// Surrounding spaces are removed.
    /// </summary>
    /// <exception cref="ArgumentException">The text is empty or white space.</exception>
    public static ColumnRef Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.Length == 0)
        {
            throw new ArgumentException("ColumnRef.Parse: a column name or 0-based index is needed, got an empty text.",
                nameof(text));
        }

        var allDigits = t.Length <= 9 && t.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
        return allDigits ? new ColumnRef(t, int.Parse(t, CultureInfo.InvariantCulture)) : new ColumnRef(t, -1);
    }

    /// <summary>The column named exactly <paramref name="name"/> (case-sensitive), never an index.</summary>
    public static ColumnRef FromName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new ColumnRef(name, -1);
    }

    /// <summary>The column at 0-based <paramref name="index"/>.</summary>
    public static ColumnRef FromIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new ColumnRef(null, index);
    }

    /// <summary>Same as <see cref="Parse"/>.</summary>
    public static implicit operator ColumnRef(string text) => Parse(text);

    /// <summary>Same as <see cref="FromIndex"/>.</summary>
    public static implicit operator ColumnRef(int index) => FromIndex(index);

    /// <summary>The name, or the index as text.</summary>
    public override string ToString() =>
        Name ?? (Index is { } i ? i.ToString(CultureInfo.InvariantCulture) : "(no column)");
}
