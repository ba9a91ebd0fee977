using Astrograd.Data;
using static Astrograd.Tests.Data.Fits.FitsTestFiles;

namespace Astrograd.Tests.Data.Fits;

/// <summary>Case F5: files cut short, zeros after the last HDU, and tables with no rows.</summary>
public class FitsCaseF5Tests
{
    private static readonly (string, string)[] _columns = [("ID", "J"), ("Z", "E")];

    // Three rows of 8 bytes: 24 data bytes.
    private static readonly byte[] _data = [.. J(1), .. E(0.5f), .. J(2), .. E(1.5f), .. J(3), .. E(2.5f)];

    private static byte[] Unpadded(byte[] data) => [.. Primary(), .. TableHeader(3, _columns), .. data];

    [Fact]
    public void Complete_data_without_their_final_padding_load_with_a_warning()
    {
        var result = Read(Unpadded(_data));

        Assert.Equal(3, result.Table.RowCount);
        Assert.Equal([1.0, 2.0, 3.0], result.Table["ID"].Numbers.ToArray());
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("t.fits: HDU 1: the data are complete, but the file ends 2856 bytes before the end of the " +
            "data's last 2880-byte block (padding missing)", warning);
    }

    [Fact]
    public void Sixteen_of_24_data_bytes_give_one_line_naming_file_hdu_needed_and_present()
    {
        var error = Reject(Unpadded(_data[..16]));

        Assert.Equal("t.fits: HDU 1: the table needs 24 bytes from byte 5760, the file holds 16 (it ends at byte " +
            "5776); the file is cut short or its header is damaged", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_block_of_zeros_after_the_last_HDU_is_ignored_with_a_warning()
    {
        byte[] file = [.. File(3, _columns, _data), .. new byte[Block]];

        var result = Read(file);

        Assert.Equal(3, result.Table.RowCount);
        Assert.Equal(2, result.Hdus.Count);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("t.fits: 2880 zero bytes after the last HDU (HDU 1 (BINTABLE, 3 rows of 8 bytes)) at byte 8640; " +
            "ignored", warning);
    }

    [Fact]
    public void Other_bytes_after_the_last_HDU_are_ignored_with_a_warning()
    {
        byte[] file = [.. File(3, _columns, _data), .. Ascii("this is not FITS")];

        var result = Read(file);

        Assert.Contains("16 bytes that do not start an extension (no XTENSION)", Assert.Single(result.Warnings),
            StringComparison.Ordinal);
    }

    [Fact]
    public void NAXIS2_of_zero_gives_zero_rows_with_the_column_kinds_kept()
    {
        byte[] file = [.. Primary(), .. TableHeader(0, [("ID", "J"), ("CLASS", "6A"), ("OK", "L")])];

        var result = Read(file);

        Assert.Equal(0, result.Table.RowCount);
        Assert.Equal(["ID", "CLASS", "OK"], result.Table.ColumnNames);
        Assert.Equal(
            [ColumnKind.Numeric, ColumnKind.Text, ColumnKind.Numeric],
            result.Table.Columns.Select(c => c.Kind));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_header_block_cut_short_names_its_offset_and_the_bytes_present()
    {
        var file = File(3, _columns, _data)[..(Block + 1000)];

        var error = Reject(file);

        Assert.Equal("t.fits: HDU 1: the header block at byte 2880 is cut short: the file ends after 1000 of its " +
            "2880 bytes", error.Message);
    }

    [Fact]
    public void A_header_without_END_is_refused()
    {
        var header = TableHeader(3, _columns);
        var end = Array.IndexOf(header, (byte)'E', 12 * 80);
        Assert.Equal(12 * 80, end);
        header.AsSpan(end, 3).Fill((byte)' ');
        byte[] file = [.. Primary(), .. header];

        var error = Reject(file);

        Assert.Equal("t.fits: HDU 1: the header that starts at byte 2880 has no END card before the end of the file " +
            "(byte 5760); the file is cut short or damaged", error.Message);
    }

    [Fact]
    public void A_damaged_HDU_after_the_table_costs_a_warning_not_the_table()
    {
        byte[] second = [.. TableHeader(1000, _columns, null, Card("EXTNAME", Quoted("LATER")))];
        byte[] file = [.. File(3, _columns, _data), .. second];

        var result = Read(file);

        Assert.Equal(3, result.Table.RowCount);
        Assert.Equal("t.fits: HDU 2 'LATER': the table needs 8000 bytes from byte 11520, the file holds 0 (it " +
            "ends at byte 11520); the file is cut short or its header is damaged; this HDU and any after it are " +
            "ignored",
            Assert.Single(result.Warnings));
    }

    [Fact]
    public void An_empty_file_is_refused_in_one_line()
    {
        Assert.Equal("t.fits: the file is empty; a FITS file starts with a 2880-byte header block", Reject([]).Message);
    }

    [Fact]
    public void A_file_that_does_not_start_with_SIMPLE_is_not_FITS()
    {
        var error = Reject(Ascii("ra,dec,z\n1,2,3\n"));

        Assert.StartsWith("t.fits: not a FITS file: it does not start with 'SIMPLE  ='", error.Message,
            StringComparison.Ordinal);
    }
}
