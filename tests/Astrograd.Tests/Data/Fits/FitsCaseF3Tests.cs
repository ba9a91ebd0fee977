using Astrograd.Data;
using static Astrograd.Tests.Data.Fits.FitsTestFiles;

namespace Astrograd.Tests.Data.Fits;

/// <summary>Case F3: strings end at trailing spaces or the first NUL; logicals are 'T', 'F' and 0.</summary>
public class FitsCaseF3Tests
{
    [Fact]
    public void A_6A_class_column_with_spaces_and_NULs_holds_three_classes()
    {
        var data = Ascii("STAR  STAR\0\0GALAXYQSO\0ab");

        var column = Read(File(4, [("CLASS", "6A")], data)).Table["CLASS"];

        Assert.Equal(["STAR", "STAR", "GALAXY", "QSO"], column.Texts.ToArray());
        Assert.Equal(["GALAXY", "QSO", "STAR"], LabelEncoder.Fit(column).Classes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_all_space_string_is_a_missing_label()
    {
        var column = Read(File(2, [("CLASS", "4A")], Ascii("QSO     "))).Table["CLASS"];

        Assert.Equal("QSO", column.Texts[0]);
        Assert.True(column.IsMissing(1));
        Assert.Equal(1, Read(File(2, [("CLASS", "4A")], Ascii("QSO     "))).Table.CountMissing().TotalCells);
    }

    [Fact]
    public void Leading_spaces_are_kept()
    {
        var column = Read(File(1, [("NAME", "6A")], Ascii("  M31 "))).Table["NAME"];

        Assert.Equal("  M31", column.Texts[0]);
    }

    [Fact]
    public void L_bytes_54_46_00_54_read_true_false_missing_true()
    {
        var values = Read(File(4, [("FLAG", "L")], Hex("54 46 00 54"))).Table["FLAG"].Numbers.ToArray();

        Assert.Equal(1.0, values[0]);
        Assert.Equal(0.0, values[1]);
        Assert.True(double.IsNaN(values[2]));
        Assert.Equal(1.0, values[3]);
    }

    [Fact]
    public void A_logical_vector_gives_one_numeric_column_per_element()
    {
        var table = Read(File(1, [("OK", "2L")], Hex("46 54"))).Table;

        Assert.Equal([0.0], table["OK_0"].Numbers.ToArray());
        Assert.Equal([1.0], table["OK_1"].Numbers.ToArray());
    }

    [Fact]
    public void A_logical_byte_other_than_T_F_or_0_is_refused_with_column_row_and_byte_offset()
    {
        var error = Reject(File(2, [("FLAG", "L")], Hex("54 01")));

        Assert.Equal("t.fits: HDU 1: column 1 'FLAG' (TFORM 'L'), row 2 (byte 5761): byte 0x01 is not a logical; " +
            "expected 'T' (0x54), 'F' (0x46) or 0 for null", error.Message);
    }
}
