using Astrograd.Data;
using Astrograd.Data.Fits;

namespace Astrograd.Tests.Data.Fits;

/// <summary>Files written by astropy (Fixtures/make_fixtures.py) read with the values astropy was given.</summary>
public class FitsFixtureTests
{
    private static FitsTable Open(string name, FitsHduSelector? hdu = null) =>
        FitsReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Data", "Fits", "Fixtures", name), hdu);

    [Fact]
    public void Every_decoded_TFORM_reads_the_values_astropy_wrote_past_a_primary_image()
    {
        var result = Open("all_types.fits");
        var t = result.Table;

        Assert.Equal("ALLTYPES", result.Hdu.Name);
        Assert.Equal(24, result.Hdus[0].DataLength);
        Assert.Equal(
            ["FLAG", "U8", "I16", "I32", "I64", "F32", "F64", "CLASS", "MAG_0", "MAG_1", "MAG_2"], t.ColumnNames);
        Assert.Equal([1.0, 0.0, 1.0], t["FLAG"].Numbers.ToArray());
        Assert.Equal([0.0, 200.0, 255.0], t["U8"].Numbers.ToArray());
        Assert.Equal([-32768.0, 0.0, 32767.0], t["I16"].Numbers.ToArray());
        Assert.Equal([-2147483647.0, 5.0, 2147483647.0], t["I32"].Numbers.ToArray());
        Assert.Equal([-Math.Pow(2, 62), 7.0, Math.Pow(2, 62)], t["I64"].Numbers.ToArray());
        Assert.Equal([1.5, double.NaN, -3.25], t["F32"].Numbers.ToArray());
        Assert.Equal([Math.PI, double.NaN, -1e300], t["F64"].Numbers.ToArray());
        Assert.Equal(["STAR", "QSO", string.Empty], t["CLASS"].Texts.ToArray());
        Assert.Equal([1.0, 4.0, 7.0], t["MAG_0"].Numbers.ToArray());
        Assert.Equal([3.0, 6.0, 9.0], t["MAG_2"].Numbers.ToArray());
        Assert.Equal("mag", result.Columns[8].Unit);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Scaling_nulls_and_a_logical_null_read_as_astropy_defines_them()
    {
        var t = Open("scaled_nulls.fits").Table;

        Assert.Equal([0.0, 809.0, 65535.0], t["U16"].Numbers.ToArray());
        Assert.Equal([-128.0, 0.0, 127.0], t["S8"].Numbers.ToArray());
        Assert.Equal([102.5, 100.0, 99.99], t["FLUX"].Numbers.ToArray());
        Assert.Equal([5.0, double.NaN, 7.0], t["NJ"].Numbers.ToArray());
        Assert.Equal([double.NaN, 1.0, 2.0], t["NK"].Numbers.ToArray());
        Assert.Equal([double.NaN, 2.5, double.NaN], t["NAN"].Numbers.ToArray());

        // astropy reads the null byte as False; the standard, and this reader, say missing.
        Assert.Equal([1.0, 0.0, double.NaN], t["OK"].Numbers.ToArray());
    }

    [Fact]
    public void The_primary_header_keeps_astropys_long_string_quote_hierarch_and_commentary_cards()
    {
        var header = Open("header_cards.fits").Hdus[0].Header;

        var objname = header.Find("OBJNAME")!;
        Assert.Equal("NGC 1234 field north part, observed over three nights with the red arm of the spectrograph",
            objname.Value);
        Assert.Equal("target name", objname.Comment);
        Assert.Equal("O'Hara", header.GetText("OBSERVER"));
        Assert.Equal(1500.5, header.GetReal("EXPTIME"));
        Assert.True(header.GetLogical("FLAGGED"));
        Assert.Equal(-12, header.GetInteger("NCOMBINE"));
        Assert.Equal("CCD-44", header.GetText("ESO DET CHIP NAME"));
        Assert.Contains(header.Cards, c => c.Keyword == "HISTORY" && c.Comment == "written by make_fixtures.py");
    }

    [Fact]
    public void The_first_table_is_read_past_an_image_and_the_second_by_name()
    {
        var first = Open("header_cards.fits");
        var second = Open("header_cards.fits", FitsHduSelector.FromName("galaxies"));

        Assert.Equal("STARS", first.Hdu.Name);
        Assert.Equal([1.0, 2.0], first.Table["X"].Numbers.ToArray());
        Assert.Equal(3, second.Hdu.Index);
        Assert.Equal([3.0, 4.0, 5.0], second.Table["X"].Numbers.ToArray());
    }

    [Fact]
    public void The_HTRU2_rows_equal_the_same_rows_of_the_csv_sample()
    {
        var fits = Open("htru2_40rows.fits").Table;
        var csv = CsvReader.ReadFile(Fixtures.Htru2Sample);
        var negatives = Enumerable.Range(0, csv.RowCount).Where(r => csv["class"].Numbers[r] == 0).Take(30);
        var positives = Enumerable.Range(0, csv.RowCount).Where(r => csv["class"].Numbers[r] == 1).Take(10);
        var rows = csv.SelectRows([.. negatives.Concat(positives).Order()]);

        Assert.Equal(rows.ColumnNames, fits.ColumnNames);
        foreach (var name in rows.ColumnNames)
        {
            Assert.Equal(rows[name].Numbers.ToArray(), fits[name].Numbers.ToArray());
        }
    }
}
