using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Astrograd.Data.Fits;

/// <summary>
/// Writes header cards in the fixed format: keyword in columns 1–8, <c>= </c>, numbers and logicals
/// right-justified to column 30, strings from column 11 in quotes (at least 8 characters inside, a quote written
/// twice). A string must fit one card: 68 characters between the quotes.
/// </summary>
internal sealed class FitsCardWriter
{
    // Between the quotes of a value that starts in column 11: 80 − 10 − 2 characters.
    public const int MaxQuoted = 68;

    private readonly List<string> _cards = [];

    public void Add(string keyword, long value, string? comment = null) =>
        AddFixed(keyword, value.ToString(CultureInfo.InvariantCulture), comment);

    public void Add(string keyword, bool value, string? comment = null) =>
        AddFixed(keyword, value ? "T" : "F", comment);

    public void Add(string keyword, string value, string? comment = null)
    {
        CheckKeyword(keyword);
        Debug.Assert(QuotedLength(value) <= MaxQuoted);
        var quoted = $"'{value.Replace("'", "''", StringComparison.Ordinal)}".PadRight(9) + "'";
        Append($"{keyword,-8}= {quoted}", comment);
    }

    /// <summary>The characters <paramref name="value"/> takes between the quotes (a quote counts twice).</summary>
    public static int QuotedLength(string value) => value.Length + value.Count(c => c == '\'');

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

    private static void CheckKeyword(string keyword) =>
        Debug.Assert(keyword.Length is > 0 and <= 8 && !keyword.AsSpan().ContainsAnyExcept(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"));
}
