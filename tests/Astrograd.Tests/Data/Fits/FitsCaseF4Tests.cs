using Astrograd.Data.Fits;
using static Astrograd.Tests.Data.Fits.FitsTestFiles;

namespace Astrograd.Tests.Data.Fits;

/// <summary>Case F4 and the rest of the header: long strings in CONTINUE cards, quotes, HIERARCH, value kinds.
/// </summary>
public class FitsCaseF4Tests
{
    private static readonly string[] _longName =
    [
        "OBJNAME = 'NGC 1234 field &'",
        "CONTINUE  'north part&'",
        "CONTINUE  '' / target name",
    ];

    private static FitsTable WithCards(params string[] cards) =>
        Read(File(1, [("X", "D")], D(1.0), cards));

    [Fact]
    public void A_long_string_is_joined_from_its_CONTINUE_cards_with_the_comment()
    {
        var result = WithCards(_longName);

        var card = result.Hdu.Header.Find("OBJNAME")!;
        Assert.Equal("NGC 1234 field north part", card.Value);
        Assert.Equal("target name", card.Comment);
        Assert.Equal(FitsValueKind.Text, card.Kind);
    }

    [Fact]
    public void Repeated_CONTINUE_cards_are_not_duplicate_keys()
    {
        var result = WithCards(_longName);

        Assert.Empty(result.Warnings);
        Assert.DoesNotContain(result.Hdu.Header.Cards, c => c.Keyword == "CONTINUE");
    }

    [Fact]
    public void A_string_ending_in_an_ampersand_without_CONTINUE_keeps_it()
    {
        var result = WithCards("OBJNAME = 'Smith & '", "OBSERVER= 'A & B&'");

        Assert.Equal("Smith &", result.Hdu.Header.GetText("OBJNAME"));
        Assert.Equal("A & B&", result.Hdu.Header.GetText("OBSERVER"));
    }

    [Fact]
    public void Doubled_quotes_read_as_one_and_trailing_spaces_are_dropped()
    {
        var result = WithCards("OBSERVER= 'O''Hara   ' / who", "EMPTY   = ''", "SPACES  = '    '");

        Assert.Equal("O'Hara", result.Hdu.Header.GetText("OBSERVER"));
        Assert.Equal("who", result.Hdu.Header.Find("OBSERVER")!.Comment);
        Assert.Equal(string.Empty, result.Hdu.Header.GetText("EMPTY"));
        Assert.Equal(string.Empty, result.Hdu.Header.GetText("SPACES"));
    }

    [Fact]
    public void Logical_integer_and_real_values_parse_with_their_comments()
    {
        var result = WithCards(Card("FLAGGED", true, "a logical"), Card("NCOMBINE", -12), Card("EXPTIME", "1.5D+02"),
            Card("AIRMASS", "1.2E0"), "UNDEF   =                      / no value", "COMMENT   free text here");

        var header = result.Hdu.Header;
        Assert.True(header.GetLogical("FLAGGED"));
        Assert.Equal("a logical", header.Find("FLAGGED")!.Comment);
        Assert.Equal(-12, header.GetInteger("NCOMBINE"));
        Assert.Equal(150.0, header.GetReal("EXPTIME"));
        Assert.Equal(1.2, header.GetReal("AIRMASS"));
        Assert.Equal(FitsValueKind.None, header.Find("UNDEF")!.Kind);
        Assert.Contains(header.Cards, c => c.Keyword == "COMMENT" && c.Comment == "  free text here");
    }

    [Fact]
    public void A_HIERARCH_card_gives_a_long_keyword()
    {
        var result = WithCards("HIERARCH ESO DET CHIP NAME = 'CCD-44' / detector", "HIERARCH ESO TEL AIRM = 1.25");

        Assert.Equal("CCD-44", result.Hdu.Header.GetText("ESO DET CHIP NAME"));
        Assert.Equal(1.25, result.Hdu.Header.GetReal("ESO TEL AIRM"));
    }

    [Fact]
    public void A_keyword_of_the_wrong_kind_is_an_error_naming_the_card()
    {
        var result = WithCards(Card("EXPTIME", Quoted("long")));

        var error = Assert.Throws<Astrograd.Data.DataException>(() => result.Hdu.Header.GetReal("EXPTIME"));

        Assert.Equal("t.fits: HDU 1: card 11 'EXPTIME' (byte 3680): expected a number, found 'long'", error.Message);
    }

    [Fact]
    public void A_repeated_keyword_keeps_the_first_value_with_a_warning()
    {
        var result = WithCards(Card("OBSERVER", Quoted("first")), Card("OBSERVER", Quoted("second")));

        Assert.Equal("first", result.Hdu.Header.GetText("OBSERVER"));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("t.fits: HDU 1: card 12 'OBSERVER' (byte 3760) repeats the keyword of card 11 'OBSERVER' " +
            "(byte 3680); the first is used", warning);
    }

    [Fact]
    public void A_repeated_layout_keyword_with_another_value_is_refused()
    {
        var error = Reject(File(1, [("X", "D")], D(1.0), Card("TFORM1", Quoted("E"))));

        Assert.Contains("card 11 'TFORM1' (byte 3680) repeats card 10 'TFORM1' (byte 3600) with another value",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_writer_keeps_a_name_of_68_characters_with_a_quote_in_one_card()
    {
        var name = "flux_r_band_corrected_for_galactic_extinction_o'connell_coeffs_v2.1";
        Assert.Equal(68, name.Length + 1);

        var result = Read(Write([FitsWriteColumn.Double(name, [1.0, 2.0])]));

        Assert.Equal(name, result.Columns[0].Name);
        Assert.Equal([1.0, 2.0], result.Table[name].Numbers.ToArray());
    }

    [Fact]
    public void The_writer_refuses_a_name_longer_than_one_TTYPE_card()
    {
        // Readers such as astropy refuse a column name continued in CONTINUE cards, so none is written.
        var name = new string('m', 69);

        var error = Assert.Throws<ArgumentException>(() => FitsWriteColumn.Double(name, [1.0]));

        Assert.StartsWith($"FitsWriteColumn: column name '{name}' takes 69 characters in its TTYPE card, which holds " +
            "68 (a quote counts twice); shorten it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_name_in_CONTINUE_cards_is_still_read()
    {
        byte[] file = [.. Primary(), .. Header(
            Card("XTENSION", Quoted("BINTABLE")), Card("BITPIX", 8), Card("NAXIS", 2), Card("NAXIS1", 8),
            Card("NAXIS2", 1), Card("PCOUNT", 0), Card("GCOUNT", 1), Card("TFIELDS", 1),
            "TTYPE1  = 'a_long_&'", "CONTINUE  'name'", Card("TFORM1", Quoted("D"))), .. Padded(D(1.0))];

        Assert.Equal(["a_long_name"], Read(file).Table.ColumnNames);
    }

    [Fact]
    public void A_header_of_many_blocks_is_read_to_its_END_card()
    {
        var comments = Enumerable.Range(0, 100).Select(i => $"HISTORY step {i}").ToArray();

        var result = WithCards(comments);

        Assert.Equal(100, result.Hdu.Header.Cards.Count(c => c.Keyword == "HISTORY"));
        Assert.Equal(1.0, result.Table["X"].Numbers[0]);
    }
}
