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

        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
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

    /// <summary>
    /// Parses <paramref name="text"/> as a number (see the class remarks for the spellings); a missing
    /// spelling gives NaN. Returns false for other text.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value) =>
        Classify(text, out value) != CellKind.Text;

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
