using System.Globalization;

namespace Astrograd.Data.Fits;

/// <summary>What the value of a FITS header card is.</summary>
public enum FitsValueKind
{
    /// <summary>No value: a commentary card (COMMENT, HISTORY, blank keyword) or an undefined value.</summary>
    None,

    /// <summary>A character string in single quotes.</summary>
    Text,

    /// <summary>A logical, <c>T</c> or <c>F</c>.</summary>
    Logical,

    /// <summary>A whole number: an optional sign and decimal digits.</summary>
    Integer,

    /// <summary>A floating-point number (decimal point or exponent; the exponent letter may be E or D).</summary>
    Real,

    /// <summary>Anything else (a complex pair, an unclosed string, a malformed number); kept as written.</summary>
    Other,
}

/// <summary>
/// One keyword record of a FITS header, after a long string's CONTINUE cards are joined into it.
/// A card is 80 ASCII characters: the keyword in columns 1–8, <c>= </c> in 9–10, then the value and an optional
/// comment after <c>/</c>.
/// </summary>
public sealed class FitsCard
{
    internal FitsCard(string keyword, FitsValueKind kind, string value, string comment, int number, long offset,
        bool hasValueIndicator)
    {
        Keyword = keyword;
        Kind = kind;
        Value = value;
        Comment = comment;
        Number = number;
        Offset = offset;
        HasValueIndicator = hasValueIndicator;
    }

    /// <summary>
    /// The keyword, trailing spaces removed (e.g. <c>NAXIS2</c>); for a HIERARCH card the words after
    /// <c>HIERARCH</c>, joined by single spaces (<c>ESO DET CHIP NAME</c>).
    /// </summary>
    public string Keyword { get; }

    /// <summary>What the value is.</summary>
    public FitsValueKind Kind { get; }

    /// <summary>
    /// The value. <see cref="FitsValueKind.Text"/>: the string without its quotes, <c>''</c> read as one quote,
    /// trailing spaces removed (they are not significant), CONTINUE parts joined. Other kinds: the value as
    /// written, trimmed. <see cref="FitsValueKind.None"/>: empty.
    /// </summary>
    public string Value { get; }

    /// <summary>
    /// The comment after <c>/</c>, trimmed (the parts of a long string's comment joined by a space); for a
    /// commentary card such as COMMENT or HISTORY, its text from column 9 on.
    /// </summary>
    public string Comment { get; }

    /// <summary>The card's 1-based position in its header (the first of a long string's cards).</summary>
    public int Number { get; }

    /// <summary>The byte offset of the card in the file.</summary>
    public long Offset { get; }

    /// <summary>Whether the card has a value (<c>= </c> in columns 9–10, or a HIERARCH <c>=</c>).</summary>
    public bool HasValueIndicator { get; }

    /// <summary>A <see cref="FitsValueKind.Logical"/> card's value.</summary>
    public bool? Logical => Kind == FitsValueKind.Logical ? Value == "T" : null;

    /// <summary>An <see cref="FitsValueKind.Integer"/> card's value when it fits in 64 bits, else null.</summary>
    public long? Integer =>
        Kind == FitsValueKind.Integer
        && long.TryParse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : null;

    /// <summary>An Integer or Real card's value as a double (a D exponent read as E), else null.</summary>
    public double? Real =>
        Kind is FitsValueKind.Integer or FitsValueKind.Real
        && double.TryParse(Value.Replace('D', 'E').Replace('d', 'e'), NumberStyles.Float,
            CultureInfo.InvariantCulture, out var v)
            ? v
            : null;

    /// <summary>The card's place, for messages: <c>card 6 'NAXIS2' (byte 3280)</c>.</summary>
    public string Where => string.Create(CultureInfo.InvariantCulture, $"card {Number} '{Keyword}' (byte {Offset})");

    internal FitsCard WithText(string value, string comment) =>
        new(Keyword, FitsValueKind.Text, value, comment, Number, Offset, HasValueIndicator);

    /// <summary>The card as <c>KEYWORD = value / comment</c> (strings in quotes).</summary>
    public override string ToString()
    {
        var value = Kind == FitsValueKind.Text ? $"'{Value.Replace("'", "''", StringComparison.Ordinal)}'" : Value;
        var comment = Comment.Length == 0 ? string.Empty : $" / {Comment}";
        return HasValueIndicator ? $"{Keyword} = {value}{comment}" : $"{Keyword} {Comment}".TrimEnd();
    }
}
