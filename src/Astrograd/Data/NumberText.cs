using System.Globalization;

namespace Astrograd.Data;

/// <summary>What a table cell's text holds: a number, a missing value, or other text.</summary>
public enum CellKind
{
    /// <summary>A number, including ±∞ (<c>inf</c>, <c>-Infinity</c>).</summary>
    Number,

    /// <summary>A missing value: an empty cell or a spelling of NaN (<c>nan</c>, <c>NaN</c>, <c>NAN</c>).</summary>
    Missing,

    /// <summary>Text that is not a number, such as a class label (<c>GALAXY</c>).</summary>
    Text,
}

/// <summary>
/// Reads numbers as survey tables spell them, always in the invariant culture (a comma is never a
/// decimal point, whatever the machine's culture).
/// </summary>
/// <remarks>
/// Accepted: plain and exponent forms with optional sign (<c>1e-05</c>, <c>6.000000e-03</c>, <c>1E+05</c>,
/// <c>+1.5E-03</c>, <c>.5</c>, <c>-.5</c>, <c>5.</c>); infinity as <c>inf</c>, <c>infinity</c> in any case
/// with optional sign (.NET's own parser rejects <c>inf</c>); NaN in any case (<c>nan</c>, <c>NaN</c>,
/// <c>NAN</c>) and the empty cell as missing. Surrounding spaces and tabs are ignored. A magnitude beyond
/// the double range (<c>1e400</c>) reads as ±∞. No thousands separators, no hexadecimal.
/// <para>
/// ±∞ is kept as a number (it is what the file says) but is not a usable feature value: a network cannot
/// learn from it and one ∞ makes a mean infinite. <see cref="DataTable.CountMissing"/> reports it with NaN,
/// <see cref="DataTable.DropRowsWithMissing"/> drops its rows, and <see cref="Standardizer"/> refuses it.
/// </para>
/// </remarks>
public static class NumberText
{
    /// <summary>
    /// Classifies <paramref name="text"/> and gives its value: the number for <see cref="CellKind.Number"/>,
    /// NaN for <see cref="CellKind.Missing"/> and for <see cref="CellKind.Text"/>.
    /// </summary>
    /// <param name="text">The cell's text (quotes already removed).</param>
    /// <param name="value">The number, or NaN when the cell is missing or text.</param>
    /// <param name="sentinel">
    /// A value that stands for "missing" in this table (e.g. −9999), compared as a number, so that
    /// <c>-9999</c>, <c>-9999.0</c> and <c>-9.999e3</c> are all missing; null for none.
    /// </param>
    public static CellKind Classify(ReadOnlySpan<char> text, out double value, double? sentinel = null)
    {
        var t = text.Trim(" \t");
        if (t.IsEmpty)
        {
            value = double.NaN;
            return CellKind.Missing;
        }

        // .NET's parser skips trailing NULs and control characters it counts as white space, so "4\0" from a
        // damaged file would read as 4: a control character makes the cell text, which is then reported.
        if (TryParseShort(t, out value)
            || (!t.ContainsAnyInRange('\0', '\u001f')
                && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value)))
        {
            // The invariant culture already reads "NaN", "Infinity" and "-Infinity".
            if (double.IsNaN(value) || (sentinel is { } s && value == s))
            {
                value = double.NaN;
                return CellKind.Missing;
            }

            return CellKind.Number;
        }

        return ClassifyWord(t, out value);
    }

    /// <summary>Whether <paramref name="text"/> spells a missing value: empty, blank, or NaN in any case.</summary>
    public static bool IsMissing(ReadOnlySpan<char> text)
    {
        var t = text.Trim(" \t");
        if (t.Length > 0 && t[0] is '+' or '-')
        {
            t = t[1..];
        }

        return t.IsEmpty ? text.Trim(" \t").IsEmpty : t.Equals("nan", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Parses <paramref name="text"/> as a number (see the class remarks for the spellings); a missing
    /// spelling gives NaN. Returns false for other text.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value) =>
        Classify(text, out value) != CellKind.Text;

    // Clinger's fast path: a decimal with mantissa m <= 2^53 and a power of ten 10^e with |e| <= 22 are
    // both exact doubles, so m * 10^e (or m / 10^-e) is one correctly rounded operation: the same bits as
    // double.Parse, several times faster. Anything else (long mantissas, big exponents) returns false.
    internal static bool TryParseShort(ReadOnlySpan<char> t, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (t[0] is '+' or '-')
        {
            negative = t[0] == '-';
            i = 1;
        }

        ulong mantissa = 0;
        int digits = 0, significant = 0, scale = 0;
        for (; i < t.Length && char.IsAsciiDigit(t[i]); i++, digits++)
        {
            mantissa = (mantissa * 10) + (ulong)(t[i] - '0');
            significant += significant > 0 || t[i] != '0' ? 1 : 0;
        }

        if (i < t.Length && t[i] == '.')
        {
            for (i++; i < t.Length && char.IsAsciiDigit(t[i]); i++, digits++, scale--)
            {
                mantissa = (mantissa * 10) + (ulong)(t[i] - '0');
                significant += significant > 0 || t[i] != '0' ? 1 : 0;
            }
        }

        // 19 significant digits always fit in a ulong; past that the mantissa may have wrapped.
        if (digits == 0 || significant > 19)
        {
            return false;
        }

        if (i < t.Length && t[i] is 'e' or 'E')
        {
            i++;
            var expNegative = i < t.Length && t[i] == '-';
            i += i < t.Length && t[i] is '+' or '-' ? 1 : 0;
            var start = i;
            var exponent = 0;
            for (; i < t.Length && char.IsAsciiDigit(t[i]) && exponent < 1000; i++)
            {
                exponent = (exponent * 10) + (t[i] - '0');
            }

            if (i == start)
            {
                return false;
            }

            scale += expNegative ? -exponent : exponent;
        }

        if (i != t.Length || mantissa > (1UL << 53) || scale < -22 || scale > 22)
        {
            return false;
        }

        var magnitude = scale >= 0 ? mantissa * PowersOfTen[scale] : mantissa / PowersOfTen[-scale];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static ReadOnlySpan<double> PowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private static CellKind ClassifyWord(ReadOnlySpan<char> t, out double value)
    {
        value = double.NaN;
        var sign = 1.0;
        var word = t;
        if (word[0] is '+' or '-')
        {
            sign = word[0] == '-' ? -1.0 : 1.0;
            word = word[1..];
        }

        if (word.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || word.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = sign * double.PositiveInfinity;
            return CellKind.Number;
        }

        // "-nan" is printed by some C libraries; its sign means nothing.
        return word.Equals("nan", StringComparison.OrdinalIgnoreCase) ? CellKind.Missing : CellKind.Text;
    }
}
