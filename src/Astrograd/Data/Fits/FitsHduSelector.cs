using System.Globalization;

namespace Astrograd.Data.Fits;

/// <summary>
/// Which HDU of a FITS file to read as a table: the first BINTABLE extension (<see cref="FirstTable"/>, the
/// default), an HDU by 0-based index (0 is the primary HDU, 1 the first extension, as astropy counts), or by
/// EXTNAME (compared without regard to case; the first match counts).
/// </summary>
public sealed class FitsHduSelector
{
    private FitsHduSelector(int? index, string? name)
    {
        Index = index;
        Name = name;
    }

    /// <summary>The first BINTABLE extension.</summary>
    public static FitsHduSelector FirstTable { get; } = new(null, null);

    /// <summary>The 0-based HDU index, or null.</summary>
    public int? Index { get; }

    /// <summary>The EXTNAME to look for, or null.</summary>
    public string? Name { get; }

    /// <summary>The HDU at 0-based <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static FitsHduSelector FromIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new FitsHduSelector(index, null);
    }

    /// <summary>The first HDU whose EXTNAME is <paramref name="name"/> (case-insensitive, ends trimmed).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    public static FitsHduSelector FromName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new FitsHduSelector(null, name.Trim());
    }

    /// <summary>
    /// Reads <c>N</c> (digits: an index) or <c>NAME</c> (anything else: an EXTNAME), as the CLI's
    /// <c>--hdu</c> takes it.
    /// </summary>
    /// <exception cref="ArgumentException">The text is empty, or a negative or too large number.</exception>
    public static FitsHduSelector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        if (s.Length == 0)
        {
            throw new ArgumentException("an HDU is an index (0 is the primary HDU) or an EXTNAME; got nothing",
                nameof(text));
        }

        var digits = s[0] is '-' or '+' ? s.AsSpan(1) : s.AsSpan();
        if (digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9'))
        {
            return int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index)
                && index >= 0
                ? FromIndex(index)
                : throw new ArgumentException(
                    $"'{s}' is not an HDU index; expected 0 (the primary HDU), 1 (the first extension), ...",
                    nameof(text));
        }

        return FromName(s);
    }

    /// <summary>Whether <paramref name="hdu"/> is the one selected (<see cref="FirstTable"/>: any BINTABLE).</summary>
    public bool Matches(FitsHdu hdu)
    {
        ArgumentNullException.ThrowIfNull(hdu);
        return Index is { } index ? hdu.Index == index
            : Name is { } name ? string.Equals(hdu.Name?.Trim(), name, StringComparison.OrdinalIgnoreCase)
            : hdu.Kind == FitsHduKind.BinaryTable;
    }

    /// <summary><c>HDU 2</c>, <c>EXTNAME 'STARS'</c> or <c>the first BINTABLE</c>.</summary>
    public override string ToString() =>
        Index is { } index ? string.Create(CultureInfo.InvariantCulture, $"HDU {index}")
        : Name is { } name ? $"EXTNAME '{name}'"
        : "the first BINTABLE";
}
