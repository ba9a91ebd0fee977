using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Astrograd.Data.Fits;

/// <summary>
/// Splits one 80-byte header card into keyword, value and comment (FITS 4.0, section 4.1–4.2). Only bytes
/// that are not printable ASCII are an error here: a value that does not parse is kept as
/// <see cref="FitsValueKind.Other"/>, and becomes an error only where a reader needs that keyword.
/// </summary>
internal static class FitsCardParser
{
    public const int CardLength = 80;

    private const int KeywordLength = 8;

    /// <summary>Parses <paramref name="bytes"/> (80 bytes) found at byte <paramref name="offset"/>.</summary>
    /// <exception cref="DataException">A byte is not printable ASCII (0x20–0x7E).</exception>
    public static FitsCard Parse(ReadOnlySpan<byte> bytes, int number, long offset, FitsPlace place)
    {
        Debug.Assert(bytes.Length == CardLength);
        var bad = bytes.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E);
        if (bad >= 0)
        {
            throw place.Error(string.Create(CultureInfo.InvariantCulture,
                $"card {number} (byte {offset}): byte 0x{bytes[bad]:X2} at byte {offset + bad} is not printable " +
                $"ASCII; a FITS header holds only ASCII text, so the file is damaged or not FITS"));
        }

        var text = Encoding.ASCII.GetString(bytes);
        var keyword = text[..KeywordLength].TrimEnd();

        // HIERARCH (an ESO convention): the keyword runs up to the '=', so it may be longer than 8 characters.
        if (keyword == "HIERARCH")
        {
            var equals = text.IndexOf('=', KeywordLength);
            if (equals < 0)
            {
                return Commentary(keyword, text, number, offset);
            }

            var name = string.Join(' ', text[KeywordLength..equals].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            return WithValue(name, text[(equals + 1)..], number, offset, hasValueIndicator: true);
        }

        // A long string's continuation: a string value from column 11, without the "= " indicator.
        if (keyword == "CONTINUE")
        {
            return WithValue(keyword, text[KeywordLength..], number, offset, hasValueIndicator: false);
        }

        return text[KeywordLength] == '=' && text[KeywordLength + 1] == ' '
            ? WithValue(keyword, text[(KeywordLength + 2)..], number, offset, hasValueIndicator: true)
            : Commentary(keyword, text, number, offset);
    }

    /// <summary>Whether the 80 bytes are the END card (END, then spaces).</summary>
    public static bool IsEnd(ReadOnlySpan<byte> bytes) =>
        bytes[..3].SequenceEqual("END"u8) && bytes[3..].IndexOfAnyExcept((byte)' ') < 0;

    private static FitsCard Commentary(string keyword, string text, int number, long offset) =>
        new(keyword, FitsValueKind.None, string.Empty, text[KeywordLength..].TrimEnd(), number, offset,
            hasValueIndicator: false);

    private static FitsCard WithValue(string keyword, string field, int number, long offset, bool hasValueIndicator)
    {
        var (kind, value, comment) = ParseValue(field);
        return new FitsCard(keyword, kind, value, comment, number, offset, hasValueIndicator);
    }

    /// <summary>The value and comment of the value field (the text after <c>= </c>).</summary>
    internal static (FitsValueKind Kind, string Value, string Comment) ParseValue(string field)
    {
        var s = field.TrimStart(' ');
        if (s.StartsWith('\''))
        {
            return ParseString(s);
        }

        var slash = s.IndexOf('/', StringComparison.Ordinal);
        var token = (slash < 0 ? s : s[..slash]).Trim(' ');
        var comment = slash < 0 ? string.Empty : s[(slash + 1)..].Trim(' ');
        return (Classify(token), token, comment);
    }

    private static (FitsValueKind Kind, string Value, string Comment) ParseString(string s)
    {
        // A quote inside the string is written twice; the first lone quote ends it.
        var value = new StringBuilder(s.Length);
        var i = 1;
        while (true)
        {
            if (i >= s.Length)
            {
                return (FitsValueKind.Other, s.TrimEnd(' '), string.Empty);
            }

            if (s[i] == '\'')
            {
                if (i + 1 < s.Length && s[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }

                i++;
                break;
            }

            value.Append(s[i]);
            i++;
        }

        // Trailing spaces inside the quotes are not significant; leading ones are.
        var rest = s[i..].Trim(' ');
        var comment = rest.StartsWith('/') ? rest[1..].Trim(' ') : rest;
        return (FitsValueKind.Text, value.ToString().TrimEnd(' '), comment);
    }

    private static FitsValueKind Classify(string token)
    {
        if (token.Length == 0)
        {
            return FitsValueKind.None;
        }

        if (token is "T" or "F")
        {
            return FitsValueKind.Logical;
        }

        var digits = token[0] is '+' or '-' ? token.AsSpan(1) : token.AsSpan();
        if (digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9'))
        {
            return FitsValueKind.Integer;
        }

        // A real: digits with a point or an exponent; FITS allows D (double precision) as the exponent letter.
        var hasDigit = digits.ContainsAnyInRange('0', '9');
        var onlyNumberCharacters = !digits.ContainsAnyExcept("0123456789.EeDd+-");
        return hasDigit && onlyNumberCharacters
            && double.TryParse(token.Replace('D', 'E').Replace('d', 'e'), NumberStyles.Float,
                CultureInfo.InvariantCulture, out _)
            ? FitsValueKind.Real
            : FitsValueKind.Other;
    }
}
