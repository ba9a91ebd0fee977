using static Astrograd.Tests.Data.Fits.FitsTestFiles;

namespace Astrograd.Tests.Data.Fits;

/// <summary>Case F1: fields are big-endian, decoded element by element at the right stride.</summary>
public class FitsCaseF1Tests
{
    [Fact]
    public void D_bytes_3F_F0_then_zeros_read_one_not_a_little_endian_denormal()
    {
        var file = File(1, [("X", "D")], Hex("3F F0 00 00 00 00 00 00"));

        var table = Read(file).Table;

        Assert.Equal(1.0, table["X"].Numbers[0]);
    }

    [Fact]
    public void E_bytes_C0_40_00_00_read_minus_three()
    {
        var file = File(1, [("X", "E")], Hex("C0 40 00 00"));

        Assert.Equal(-3.0, Read(file).Table["X"].Numbers[0]);
    }

    [Fact]
    public void J_bytes_FF_FF_FF_FE_read_minus_two()
    {
        var file = File(1, [("X", "J")], Hex("FF FF FF FE"));

        Assert.Equal(-2.0, Read(file).Table["X"].Numbers[0]);
    }

    [Fact]
    public void J_with_TSCAL_0_01_and_TZERO_100_reads_stored_250_as_102_5()
    {
        var file = File(1, [("FLUX", "1J")], J(250), Card("TSCAL1", 0.01), Card("TZERO1", 100.0));

        Assert.Equal(102.5, Read(file).Table["FLUX"].Numbers[0]);
    }

    [Fact]
    public void TZERO_32768_on_a_3I_vector_applies_to_every_element_of_every_row()
    {
        short[] stored = [-31959, -31959, -31962, -31962, -31959, -31959];
        var file = File(2, [("ADU", "3I")], I(stored), Card("TZERO1", 32768));

        var table = Read(file).Table;

        Assert.Equal(["ADU_0", "ADU_1", "ADU_2"], table.ColumnNames);
        Assert.Equal([809.0, 806.0], table["ADU_0"].Numbers.ToArray());
        Assert.Equal([809.0, 809.0], table["ADU_1"].Numbers.ToArray());
        Assert.Equal([806.0, 809.0], table["ADU_2"].Numbers.ToArray());
    }

    [Fact]
    public void Columns_3I_then_D_make_rows_of_14_bytes_with_D_at_byte_6()
    {
        // Row r: three shorts r, r+1, r+2, then the double 10·r + 0.5, at byte 14·r + 6.
        var data = new List<byte>();
        for (short r = 0; r < 3; r++)
        {
            data.AddRange(I(r, (short)(r + 1), (short)(r + 2)));
            data.AddRange(D((10 * r) + 0.5));
        }

        var result = Read(File(3, [("I3", "3I"), ("Z", "D")], [.. data]));

        Assert.Equal(14, result.Hdu.Header.GetInteger("NAXIS1"));
        Assert.Equal(6, result.Columns[1].RowOffset);
        Assert.Equal([0.5, 10.5, 20.5], result.Table["Z"].Numbers.ToArray());
        Assert.Equal([2.0, 3.0, 4.0], result.Table["I3_2"].Numbers.ToArray());
    }

    [Fact]
    public void NAXIS1_that_disagrees_with_the_TFORMs_is_refused()
    {
        byte[] file =
            [.. Primary(), .. TableHeader(1, [("I3", "3I"), ("Z", "D")], rowLength: 13), .. Padded(new byte[13])];

        var error = Reject(file);

        Assert.Equal("t.fits: HDU 1: the columns' TFORMs give 14 bytes per row, NAXIS1 says 13; the header is damaged",
            error.Message);
    }

    [Fact]
    public void Repeat_1D_and_plain_D_both_give_one_value_per_row_and_0E_gives_nothing()
    {
        var file = File(2, [("A", "1D"), ("B", "D"), ("EMPTY", "0E")], [.. D(1.5), .. D(2.5), .. D(3.5), .. D(4.5)]);

        var result = Read(file);

        Assert.Equal(["A", "B"], result.Table.ColumnNames);
        Assert.Equal([1.5, 3.5], result.Table["A"].Numbers.ToArray());
        Assert.Equal([2.5, 4.5], result.Table["B"].Numbers.ToArray());
        Assert.Empty(result.Columns[2].FeatureNames);
    }

    [Fact]
    public void B_K_and_E_with_scaling_read_as_doubles()
    {
        byte[] row = [200, .. K(-5_000_000_000), .. E(1.5f)];
        var file = File(1, [("U8", "B"), ("BIG", "K"), ("F", "E")], row, Card("TZERO1", -128), Card("TSCAL3", 2.0));

        var table = Read(file).Table;

        Assert.Equal(72.0, table["U8"].Numbers[0]);
        Assert.Equal(-5_000_000_000.0, table["BIG"].Numbers[0]);
        Assert.Equal(3.0, table["F"].Numbers[0]);
    }
}
