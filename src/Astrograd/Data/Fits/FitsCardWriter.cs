using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Astrograd.Data.Fits;

/// <summary>
/// Writes header cards in the fixed format: keyword in columns 1–8, <c>= </c>, numbers and logicals
/// right-justified to column 30, strings from column 11 in quotes (at least 8 characters inside). A string too
/// long for one card goes on in CONTINUE cards, each part but the last ending in <c>&amp;</c>.
/// </summary>
internal sealed class FitsCardWriter
{
    // Between the quotes of a value that starts in column 11: 80 − 10 − 2 characters.
    private const int MaxQuoted = 68;

    private readonly List<string> _cards = [];

    public void Add(string keyword, long value, string? comment = null) =>
        AddFixed(keyword, value.ToString(CultureInfo.InvariantCulture), comment);

    public void Add(string keyword, bool value, string? comment = null) =>
        AddFixed(keyword, value ? "T" : "F", comment);

    public void Add(string keyword, string value, string? comment = null)
    {
        CheckKeyword(keyword);
        var parts = SplitString(value);
        for (var i = 0; i < parts.Count; i++)
        {
            var more = i < parts.Count - 1 ? "&" : string.Empty;
            var quoted = $"'{parts[i].Replace("'", "''", StringComparison.Ordinal)}{more}".PadRight(9) + "'";
            var head = i == 0 ? $"{keyword,-8}= " : "CONTINUE  ";
            Append(head + quoted, i == parts.Count - 1 ? comment : null);
        }
    }

    public void AddEnd() => _cards.Add("END".PadRight(FitsCardParser.CardLength));

    /// <summary>The cards as ASCII, padded with spaces to a whole number of 2880-byte blocks.</summary>
    public byte[] ToBlocks()
    {
        var text = string.Concat(_cards);
        var length = FitsHdu.RoundUpToBlock(text.Length);
        return Encoding.ASCII.GetBytes(text.PadRight((int)length));
    }

    private void AddFixed(string keyword, string value, string? comment)
    {
        CheckKeyword(keyword);
        Append($"{keyword,-8}= {value,20}", comment);
    }

    private void Append(string card, string? comment)
    {
        Debug.Assert(card.Length <= FitsCardParser.CardLength);
        if (!string.IsNullOrEmpty(comment) && card.Length + 3 < FitsCardParser.CardLength)
        {
            card = $"{card} / {comment}";
        }

        _cards.Add(card.Length > FitsCardParser.CardLength
            ? card[..FitsCardParser.CardLength]
            : card.PadRight(FitsCardParser.CardLength));
    }

    // Parts whose quoted form fits one card with room for the '&': a doubled quote is never cut in two.
    private static List<string> SplitString(string value)
    {
        var parts = new List<string>();
        var part = new StringBuilder();
        var quotedLength = 0;
        foreach (var c in value)
        {
            var cost = c == '\'' ? 2 : 1;
            if (quotedLength + cost > MaxQuoted - 1)
            {
                parts.Add(part.ToString());
                part.Clear();
                quotedLength = 0;
            }

            part.Append(c);
            quotedLength += cost;
        }

        parts.Add(part.ToString());
        return parts;
    }

    private static void CheckKeyword(string keyword) =>
        Debug.Assert(keyword.Length is > 0 and <= 8 && !keyword.AsSpan().ContainsAnyExcept(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"));
}
