using Astrograd.Data.Fits;
using static Astrograd.Tests.Data.Fits.FitsTestFiles;

namespace Astrograd.Tests.Data.Fits;

/// <summary>Case F2: TNULL marks missing integers (compared before scaling); NaN marks missing floats.</summary>
public class FitsCaseF2Tests
{
    [Fact]
    public void J_with_TNULL_minus_99_reads_5_missing_7()
    {
        var file = File(3, [("N", "J")], J(5, -99, 7), Card("TNULL1", -99));

        var values = Read(file).Table["N"].Numbers.ToArray();

        Assert.Equal(5.0, values[0]);
        Assert.True(double.IsNaN(values[1]));
        Assert.Equal(7.0, values[2]);
    }

    [Fact]
    public void Without_TNULL_minus_99_is_a_real_value()
    {
        var file = File(3, [("N", "J")], J(5, -99, 7));

        Assert.Equal([5.0, -99.0, 7.0], Read(file).Table["N"].Numbers.ToArray());
    }

    [Fact]
    public void TNULL_is_compared_with_the_stored_integer_before_scaling()
    {
        // Stored −99 is the null; stored −50 scales to 2·(−50) + 1 = −99, which is a real value.
        var file = File(3, [("N", "J")], J(-99, -50, 5), Card("TNULL1", -99), Card("TSCAL1", 2.0), Card("TZERO1", 1.0));

        var values = Read(file).Table["N"].Numbers.ToArray();

        Assert.True(double.IsNaN(values[0]));
        Assert.Equal(-99.0, values[1]);
        Assert.Equal(11.0, values[2]);
    }

    [Theory]
    [InlineData("I")]
    [InlineData("K")]
    [InlineData("B")]
    public void Every_integer_type_honours_TNULL(string form)
    {
        byte[] data = form switch
        {
            "I" => I(1, 0, 3),
            "K" => K(1, 0, 3),
            _ => [1, 0, 3],
        };
        var file = File(3, [("N", form)], data, Card("TNULL1", 0));

        var values = Read(file).Table["N"].Numbers.ToArray();

        Assert.Equal(1.0, values[0]);
        Assert.True(double.IsNaN(values[1]));
        Assert.Equal(3.0, values[2]);
    }

    [Fact]
    public void E_bytes_7F_C0_00_00_are_missing()
    {
        var file = File(2, [("F", "E")], [.. Hex("7F C0 00 00"), .. E(2.5f)]);

        var values = Read(file).Table["F"].Numbers.ToArray();

        Assert.True(double.IsNaN(values[0]));
        Assert.Equal(2.5, values[1]);
    }

    [Fact]
    public void Floats_ignore_a_TNULL_keyword_with_a_warning()
    {
        var file = File(2, [("F", "D")], D(-99, double.NaN), Card("TNULL1", -99));

        var result = Read(file);

        var values = result.Table["F"].Numbers.ToArray();
        Assert.Equal(-99.0, values[0]);
        Assert.True(double.IsNaN(values[1]));
        Assert.Null(result.Columns[0].Null);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("t.fits: HDU 1: column 1 'F' (TFORM 'D') has TNULL1, which only integer columns use; ignored " +
            "(NaN marks missing floats)", warning);
    }

    [Fact]
    public void An_integer_column_without_TNULL_is_written_back_without_one()
    {
        var read = Read(File(3, [("N", "J")], J(5, -99, 7)));
        var values = read.Table["N"].Numbers.ToArray().Select(v => (int)v).ToArray();

        var written = Write([FitsWriteColumn.Int32("N", values, read.Columns[0].Null is { } n ? (int)n : null)]);
        var again = Read(written);

        Assert.Null(again.Hdu.Header.Find("TNULL1"));
        Assert.Null(again.Columns[0].Null);
        Assert.Equal([5.0, -99.0, 7.0], again.Table["N"].Numbers.ToArray());
    }

    [Fact]
    public void An_integer_column_with_TNULL_is_written_back_with_it()
    {
        var read = Read(File(3, [("N", "J")], J(5, -99, 7), Card("TNULL1", -99)));

        var written = Write([FitsWriteColumn.Int32("N", [5, -99, 7], (int?)read.Columns[0].Null)]);
        var again = Read(written);

        Assert.Equal(-99, again.Hdu.Header.GetInteger("TNULL1"));
        Assert.True(double.IsNaN(again.Table["N"].Numbers[1]));
    }

    [Fact]
    public void A_table_written_from_a_DataTable_has_no_TNULL_and_keeps_NaN()
    {
        var read = Read(File(3, [("N", "J")], J(5, -99, 7), Card("TNULL1", -99)));

        var again = Read(Write(FitsWriter.ColumnsOf(read.Table)));

        Assert.Null(again.Hdu.Header.Find("TNULL1"));
        Assert.Equal("1D", again.Columns[0].Format.Text);
        Assert.True(double.IsNaN(again.Table["N"].Numbers[1]));
    }
}
