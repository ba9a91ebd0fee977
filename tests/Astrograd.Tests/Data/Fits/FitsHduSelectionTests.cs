using Astrograd.Data.Fits;
using static Astrograd.Tests.Data.Fits.FitsTestFiles;

namespace Astrograd.Tests.Data.Fits;

/// <summary>Choosing the HDU: the first BINTABLE by default, or by 0-based index or EXTNAME.</summary>
public class FitsHduSelectionTests
{
    // HDU 0 empty primary, 1 an IMAGE 'SCI', 2 table 'STARS' (X = 1), 3 table 'GALAXIES' (X = 2).
    private static byte[] ThreeExtensions()
    {
        byte[] image = [.. Header(Card("XTENSION", Quoted("IMAGE")), Card("BITPIX", -32), Card("NAXIS", 1),
            Card("NAXIS1", 4), Card("PCOUNT", 0), Card("GCOUNT", 1), Card("EXTNAME", Quoted("SCI"))),
            .. Padded(E(1, 2, 3, 4))];
        return
        [
            .. Primary(), .. image,
            .. TableHeader(1, [("X", "D")], null, Card("EXTNAME", Quoted("STARS"))), .. Padded(D(1.0)),
            .. TableHeader(1, [("X", "D")], null, Card("EXTNAME", Quoted("GALAXIES"))), .. Padded(D(2.0)),
        ];
    }

    [Fact]
    public void By_default_the_first_BINTABLE_is_read_past_an_image_extension()
    {
        var result = Read(ThreeExtensions());

        Assert.Equal(2, result.Hdu.Index);
        Assert.Equal("STARS", result.Hdu.Name);
        Assert.Equal(1.0, result.Table["X"].Numbers[0]);
        Assert.Equal(4, result.Hdus.Count);
        Assert.Equal(
            [FitsHduKind.Primary, FitsHduKind.Image, FitsHduKind.BinaryTable, FitsHduKind.BinaryTable],
            result.Hdus.Select(h => h.Kind));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("GALAXIES")]
    [InlineData("galaxies")]
    [InlineData(" GALAXIES ")]
    public void An_index_or_a_name_selects_another_table(string selector)
    {
        var result = Read(ThreeExtensions(), FitsHduSelector.Parse(selector));

        Assert.Equal(3, result.Hdu.Index);
        Assert.Equal(2.0, result.Table["X"].Numbers[0]);
    }

    [Fact]
    public void Selecting_an_image_is_an_argument_error_listing_the_tables()
    {
        var error = Assert.Throws<ArgumentException>(() => Read(ThreeExtensions(), FitsHduSelector.Parse("SCI")));

        Assert.Equal("hdu", error.ParamName);
        Assert.StartsWith("t.fits: HDU 1 'SCI' (IMAGE) is not a BINTABLE extension; the file's tables: HDU 2 " +
            "'STARS' (BINTABLE, 1 row of 8 bytes), HDU 3 'GALAXIES' (BINTABLE, 1 row of 8 bytes)", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Selecting_the_primary_HDU_says_it_has_no_table()
    {
        var error = Assert.Throws<ArgumentException>(() => Read(ThreeExtensions(), FitsHduSelector.FromIndex(0)));

        Assert.StartsWith("t.fits: HDU 0 (primary, no data) is not a BINTABLE extension", error.Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7", "t.fits: no HDU 7; the file holds HDU 0 (primary, no data), HDU 1 'SCI' (IMAGE), ")]
    [InlineData("QSO", "t.fits: no EXTNAME 'QSO'; the file holds HDU 0 (primary, no data), ")]
    public void A_selector_that_matches_nothing_lists_the_HDUs(string selector, string start)
    {
        var error = Assert.Throws<ArgumentException>(() => Read(ThreeExtensions(), FitsHduSelector.Parse(selector)));

        Assert.Equal("hdu", error.ParamName);
        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_table_is_a_data_error()
    {
        var error = Reject(Primary());

        Assert.Equal("t.fits: no BINTABLE extension (binary table) to read; the file holds HDU 0 (primary, no data)",
            error.Message);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("99999999999")]
    [InlineData("  ")]
    public void A_selector_that_is_no_index_or_name_is_refused(string text)
    {
        Assert.Throws<ArgumentException>(() => FitsHduSelector.Parse(text));
    }

    [Fact]
    public void Two_HDUs_with_the_same_name_give_the_first()
    {
        byte[] file =
        [
            .. Primary(),
            .. TableHeader(1, [("X", "D")], null, Card("EXTNAME", Quoted("T"))), .. Padded(D(1.0)),
            .. TableHeader(1, [("X", "D")], null, Card("EXTNAME", Quoted("T"))), .. Padded(D(2.0)),
        ];

        Assert.Equal(1.0, Read(file, FitsHduSelector.FromName("T")).Table["X"].Numbers[0]);
    }
}
