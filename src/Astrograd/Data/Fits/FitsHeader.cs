using System.Globalization;

namespace Astrograd.Data.Fits;

/// <summary>
/// The header of one HDU: its cards in file order, with each long string's CONTINUE cards joined into the card
/// they continue (the OGIP long-string convention, part of FITS 4.0: a string ending in <c>&amp;</c> goes on in
/// the next card's <c>CONTINUE '…'</c>). Keywords are looked up exactly as written (FITS keywords are upper
/// case); when a keyword repeats, the first card counts and a warning says so.
/// </summary>
public sealed class FitsHeader
{
    private readonly FitsCard[] _cards;
    private readonly Dictionary<string, FitsCard> _byKeyword;

    private FitsHeader(FitsCard[] cards, Dictionary<string, FitsCard> byKeyword, FitsPlace place)
    {
        _cards = cards;
        _byKeyword = byKeyword;
        Place = place;
    }

    /// <summary>The cards in file order, CONTINUE cards joined into the strings they continue.</summary>
    public IReadOnlyList<FitsCard> Cards => _cards;

    internal FitsPlace Place { get; }

    /// <summary>The first card with a value and this keyword, or null.</summary>
    public FitsCard? Find(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        return _byKeyword.GetValueOrDefault(keyword);
    }

    /// <summary>The string value of <paramref name="keyword"/>, or null when the header has no such card.</summary>
    /// <exception cref="DataException">The card's value is not a string.</exception>
    public string? GetText(string keyword) =>
        Find(keyword) is not { } card ? null
        : card.Kind == FitsValueKind.Text ? card.Value
        : throw Expected(card, "a string in quotes");

    /// <summary>The whole-number value of <paramref name="keyword"/>, or null when there is no such card.</summary>
    /// <exception cref="DataException">The value is not a whole number that fits in 64 bits.</exception>
    public long? GetInteger(string keyword) =>
        Find(keyword) is { } card ? card.Integer ?? throw Expected(card, "a whole number") : null;

    /// <summary>The numeric value (whole or real) of <paramref name="keyword"/>, or null when there is none.</summary>
    /// <exception cref="DataException">The value is not a number.</exception>
    public double? GetReal(string keyword) =>
        Find(keyword) is { } card ? card.Real ?? throw Expected(card, "a number") : null;

    /// <summary>The logical value (T or F) of <paramref name="keyword"/>, or null when there is none.</summary>
    /// <exception cref="DataException">The value is not T or F.</exception>
    public bool? GetLogical(string keyword) =>
        Find(keyword) is { } card ? card.Logical ?? throw Expected(card, "T or F") : null;

    /// <summary>A keyword the standard requires: a whole number in [<paramref name="min"/>, <paramref
    /// name="max"/>].</summary>
    internal long RequireInteger(string keyword, long min, long max)
    {
        var value = GetInteger(keyword)
            ?? throw Missing(keyword, $"the required keyword {keyword} is missing; the header is not valid FITS");
        if (value < min || value > max)
        {
            throw Place.Error(string.Create(CultureInfo.InvariantCulture,
                $"{Find(keyword)!.Where}: expected {keyword} in [{min}, {max}], found {value}"));
        }

        return value;
    }

    /// <summary>The error for a required keyword without a value: it names the card when the keyword is there
    /// but its card lacks the value indicator '= ' in columns 9-10 (a damaged card reads as commentary).</summary>
    /// <param name="keyword">The required keyword.</param>
    /// <param name="absent">The message when no card has the keyword at all.</param>
    internal DataException Missing(string keyword, string absent)
    {
        var bare = _cards.FirstOrDefault(c => c.Keyword == keyword && !c.HasValueIndicator);
        return bare is null
            ? Place.Error(absent)
            : Place.Error($"{bare.Where}: the required keyword {keyword} has no value indicator '= ' in columns " +
                $"9-10, so it holds no value; expected '{keyword,-8}= value'");
    }

    /// <summary>Joins CONTINUE cards and indexes the cards; repeated keywords are reported.</summary>
    internal static FitsHeader Build(IReadOnlyList<FitsCard> raw, FitsPlace place, ICollection<string> warnings)
    {
        var cards = new List<FitsCard>(raw.Count);
        var open = -1;
        foreach (var card in raw)
        {
            if (card.Keyword == "CONTINUE" && open >= 0 && card.Kind == FitsValueKind.Text)
            {
                var first = cards[open];
                var comment = string.Join(' ', new[] { first.Comment, card.Comment }.Where(c => c.Length > 0));
                cards[open] = first.WithText(first.Value[..^1] + card.Value, comment);
                open = cards[open].Value.EndsWith('&') ? open : -1;
                continue;
            }

            cards.Add(card);
            open = card.Kind == FitsValueKind.Text && card.HasValueIndicator && card.Value.EndsWith('&')
                ? cards.Count - 1
                : -1;
        }

        var byKeyword = new Dictionary<string, FitsCard>(StringComparer.Ordinal);
        foreach (var card in cards.Where(c => c.HasValueIndicator))
        {
            if (byKeyword.TryAdd(card.Keyword, card))
            {
                continue;
            }

            var kept = byKeyword[card.Keyword];
            if (IsStructural(card.Keyword) && kept.Value != card.Value)
            {
                throw place.Error($"{card.Where} repeats {kept.Where} with another value ('{card.Value}', " +
                    $"first '{kept.Value}'); the layout of the data is ambiguous, so the file cannot be read");
            }

            warnings.Add(place.Warning($"{card.Where} repeats the keyword of {kept.Where}; the first is used"));
        }

        return new FitsHeader([.. cards], byKeyword, place);
    }

    // Keywords that fix where the bytes are and what they mean: two different values cannot both be right.
    private static bool IsStructural(string keyword)
    {
        if (keyword is "SIMPLE" or "XTENSION" or "BITPIX" or "NAXIS" or "PCOUNT" or "GCOUNT" or "TFIELDS"
            or "GROUPS" or "THEAP")
        {
            return true;
        }

        foreach (var prefix in (ReadOnlySpan<string>)["NAXIS", "TFORM", "TSCAL", "TZERO", "TNULL", "TTYPE"])
        {
            if (keyword.Length > prefix.Length && keyword.StartsWith(prefix, StringComparison.Ordinal)
                && !keyword.AsSpan(prefix.Length).ContainsAnyExceptInRange('0', '9'))
            {
                return true;
            }
        }

        return false;
    }

    private DataException Expected(FitsCard card, string what) =>
        Place.Error($"{card.Where}: expected {what}, found '{card.Value}'");
}
