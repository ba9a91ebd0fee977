using System.Globalization;

namespace Astrograd.Data.Fits;

/// <summary>
/// A BINTABLE column's TFORMn value <c>rT</c>: a repeat count r (1 when left out) and a type code T.
/// Read: L (logical), B (unsigned byte), I (16-bit), J (32-bit), K (64-bit integer), E (32-bit), D (64-bit
/// float), A (characters; r is the string length). Known but not read: X (bits), C and M (complex), P and Q
/// (variable-length array descriptors).
/// </summary>
/// <param name="Text">The TFORM value as written, trimmed.</param>
/// <param name="Repeat">The repeat count r (0 allowed: the column holds no bytes).</param>
/// <param name="Code">The type code, upper case.</param>
public readonly record struct FitsColumnFormat(string Text, long Repeat, char Code)
{
    /// <summary>Whether this reader decodes the type (L, B, I, J, K, E, D or A).</summary>
    public bool IsSupported => Code is 'L' or 'B' or 'I' or 'J' or 'K' or 'E' or 'D' or 'A';

    /// <summary>The bytes of one element: 1 for L, B, A; 2 for I; 4 for J, E; 8 for K, D, C, P; 16 for M, Q.</summary>
    public int ElementBytes => Code switch
    {
        'L' or 'B' or 'A' or 'X' => 1,
        'I' => 2,
        'J' or 'E' => 4,
        'K' or 'D' or 'C' or 'P' => 8,
        _ => 16,
    };

    /// <summary>The bytes the field takes in each row: ⌈r/8⌉ for X, r · <see cref="ElementBytes"/> else.</summary>
    /// <exception cref="OverflowException">The repeat count is too large for the product to fit in 64 bits.</exception>
    public long RowBytes => Code switch
    {
        'X' => (Repeat / 8) + (Repeat % 8 == 0 ? 0 : 1),
        _ => checked(Repeat * ElementBytes),
    };

    /// <summary>
    /// The number of values per row the column gives a table: r for numeric and logical columns, 1 for a
    /// string (A) column with r &gt; 0, and 0 when r is 0.
    /// </summary>
    public long Features => Repeat == 0 ? 0 : Code == 'A' ? 1 : Repeat;

    /// <summary>Why the type is not read, naming the feature, or null when it is read.</summary>
    public string? Unsupported => Code switch
    {
        'X' => "bit arrays (X) are not read",
        'C' or 'M' => $"complex numbers ({Code}) are not read",
        'P' or 'Q' => $"variable-length arrays ({Code}) are not read",
        _ => null,
    };

    /// <summary>Parses a TFORMn value such as <c>1D</c>, <c>3I</c>, <c>16A</c> or <c>1PE(100)</c>.</summary>
    /// <returns>False when the text is not a TFORM: no known type code, a malformed repeat count, or characters
    /// after the code of a type that takes none (only A, P and Q may have more).</returns>
    public static bool TryParse(string text, out FitsColumnFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        format = default;
        var s = text.Trim(' ');
        var digits = 0;
        while (digits < s.Length && char.IsAsciiDigit(s[digits]))
        {
            digits++;
        }

        if (digits == s.Length)
        {
            return false;
        }

        var code = char.ToUpperInvariant(s[digits]);
        if (!"LXBIJKAEDCMPQ".Contains(code, StringComparison.Ordinal))
        {
            return false;
        }

        // A may carry a width after the code (rAw, an old substring convention); P and Q carry "(max)".
        var rest = s.AsSpan(digits + 1);
        var restAllowed = rest.IsEmpty || code is 'P' or 'Q'
            || (code == 'A' && !rest.ContainsAnyExceptInRange('0', '9'));
        if (!restAllowed)
        {
            return false;
        }

        long repeat = 1;
        if (digits > 0 && !long.TryParse(s.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture,
            out repeat))
        {
            return false;
        }

        format = new FitsColumnFormat(s, repeat, code);
        return true;
    }
}
