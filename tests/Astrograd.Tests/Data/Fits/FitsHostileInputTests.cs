using Astrograd.Data;
using Astrograd.Data.Fits;
using CsCheck;
using static Astrograd.Tests.Data.Fits.FitsTestFiles;

namespace Astrograd.Tests.Data.Fits;

/// <summary>Forged sizes, bad cards, missing keywords and random damage: only DataException, never a crash or a
/// large allocation.</summary>
public class FitsHostileInputTests
{
    private static (DataException Error, long Allocated) RejectCounting(byte[] file)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Reject(file);
        return (error, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static byte[] WithTable(int rows, long rowLength, (string, string)[] columns, params string[] extra) =>
        [.. Primary(), .. TableHeader(rows, columns, rowLength, extra), .. Padded(new byte[8])];

    [Fact]
    public void NAXIS2_of_ten_to_the_twelve_is_checked_against_the_file_before_allocating()
    {
        byte[] file = [.. Primary(), .. Header(
            Card("XTENSION", Quoted("BINTABLE")), Card("BITPIX", 8), Card("NAXIS", 2), Card("NAXIS1", 8),
            Card("NAXIS2", 1_000_000_000_000), Card("PCOUNT", 0), Card("GCOUNT", 1), Card("TFIELDS", 1),
            Card("TFORM1", Quoted("D"))), .. Padded(D(1.0))];

        var (error, allocated) = RejectCounting(file);

        Assert.Equal("t.fits: HDU 1: the table needs 8000000000000 bytes from byte 5760, the file holds 2880 (it " +
            "ends at byte 8640); the file is cut short or its header is damaged", error.Message);
        Assert.InRange(allocated, 0, 1 << 20);
    }

    [Fact]
    public void A_huge_NAXIS1_is_checked_against_the_file_before_allocating()
    {
        var (error, allocated) = RejectCounting(WithTable(1, 1L << 50, [("S", $"{1L << 50}A")]));

        Assert.Contains("the table needs 1125899906842624 bytes from byte 5760, the file holds 2880", error.Message,
            StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 1 << 20);
    }

    [Fact]
    public void Sizes_whose_product_overflows_are_refused()
    {
        var error = Reject(WithTable(int.MaxValue, 1L << 40, [("S", $"{1L << 40}A")]));

        Assert.Equal("t.fits: HDU 1: the data size given by BITPIX, NAXISn, PCOUNT and GCOUNT exceeds 2^63 bytes; " +
            "the header is damaged", error.Message);
    }

    [Fact]
    public void A_forged_repeat_count_in_an_empty_table_costs_no_memory()
    {
        var (error, allocated) = RejectCounting(WithTable(0, 4_000_000_000_000, [("V", "1000000000000E")]));

        Assert.Equal("t.fits: HDU 1: column 1 'V' (TFORM '1000000000000E') brings the table to more than 65536 " +
            "columns (vector elements count one by one); remove columns from the file to read it", error.Message);
        Assert.InRange(allocated, 0, 1 << 20);
    }

    [Fact]
    public void A_forged_string_width_in_an_empty_table_is_refused()
    {
        var (error, allocated) = RejectCounting(WithTable(0, 1L << 40, [("S", $"{1L << 40}A")]));

        Assert.StartsWith("t.fits: HDU 1: rows of 1099511627776 bytes (NAXIS1) are longer than this reader handles",
            error.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 1 << 20);
    }

    [Theory]
    [InlineData("1PE(100)", "variable-length arrays (P) are not read")]
    [InlineData("1QD(7)", "variable-length arrays (Q) are not read")]
    [InlineData("16X", "bit arrays (X) are not read")]
    [InlineData("C", "complex numbers (C) are not read")]
    [InlineData("2M", "complex numbers (M) are not read")]
    public void An_unsupported_TFORM_is_named_with_its_column(string form, string why)
    {
        Assert.True(FitsColumnFormat.TryParse(form, out var format));
        var file = WithTable(1, 8 + format.RowBytes, [("X", "D"), ("SPEC", form)]);

        var error = Reject(file);

        Assert.Equal($"t.fits: HDU 1: column 2 'SPEC' has TFORM2 = '{form}': {why}; remove the column from the file " +
            "(e.g. with astropy or fitsio) to read the others", error.Message);
    }

    [Theory]
    [InlineData("Z")]
    [InlineData("1EE")]
    [InlineData("")]
    [InlineData("-1E")]
    public void A_malformed_TFORM_is_refused_with_the_expected_forms(string form)
    {
        var file = WithTable(1, 8, [("X", form)]);

        var error = Reject(file);

        Assert.StartsWith($"t.fits: HDU 1: column 1 'X': TFORM1 = '{form}' is not a binary-table format; expected",
            error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NAXIS2", "the required keyword NAXIS2 is missing; the header is not valid FITS")]
    [InlineData("TFIELDS", "the required keyword TFIELDS is missing; the header is not valid FITS")]
    [InlineData("PCOUNT", "the required keyword PCOUNT is missing; the header is not valid FITS")]
    [InlineData("TFORM1", "column 1: the required keyword TFORM1 is missing (TFIELDS = 1)")]
    public void A_missing_required_keyword_is_named(string keyword, string message)
    {
        var cards = new[]
        {
            Card("XTENSION", Quoted("BINTABLE")), Card("BITPIX", 8), Card("NAXIS", 2), Card("NAXIS1", 8),
            Card("NAXIS2", 1), Card("PCOUNT", 0), Card("GCOUNT", 1), Card("TFIELDS", 1), Card("TFORM1", Quoted("D")),
        }.Where(c => !c.StartsWith($"{keyword,-8}=", StringComparison.Ordinal)).ToArray();
        byte[] file = [.. Primary(), .. Header(cards), .. Padded(D(1.0))];

        Assert.Equal($"t.fits: HDU 1: {message}", Reject(file).Message);
    }

    [Theory]
    [InlineData("NAXIS2", "card 5 'NAXIS2' (byte 3200)")]
    [InlineData("TFORM1", "card 9 'TFORM1' (byte 3520)")]
    public void A_required_card_without_its_value_indicator_is_named_not_called_missing(string keyword, string where)
    {
        // "NAXIS2  : 1": a damaged '=' turns the card into commentary, which holds no value.
        var cards = new[]
        {
            Card("XTENSION", Quoted("BINTABLE")), Card("BITPIX", 8), Card("NAXIS", 2), Card("NAXIS1", 8),
            Card("NAXIS2", 1), Card("PCOUNT", 0), Card("GCOUNT", 1), Card("TFIELDS", 1), Card("TFORM1", Quoted("D")),
        }.Select(c => c.StartsWith($"{keyword,-8}=", StringComparison.Ordinal) ? $"{keyword,-8}:{c[9..]}" : c)
            .ToArray();
        byte[] file = [.. Primary(), .. Header(cards), .. Padded(D(1.0))];

        Assert.Equal($"t.fits: HDU 1: {where}: the required keyword {keyword} has no value indicator '= ' in " +
            $"columns 9-10, so it holds no value; expected '{keyword,-8}= value'", Reject(file).Message);
    }

    [Theory]
    [InlineData("NAXIS2", "-1", "card 5 'NAXIS2' (byte 3200): expected NAXIS2 in [0, 9223372036854775807], found -1")]
    [InlineData("NAXIS2", "1.5", "card 5 'NAXIS2' (byte 3200): expected a whole number, found '1.5'")]
    [InlineData("NAXIS2", "99999999999999999999", "card 5 'NAXIS2' (byte 3200): expected a whole number, found " +
        "'99999999999999999999'")]
    [InlineData("BITPIX", "16", "card 2 'BITPIX' (byte 2960): expected BITPIX in [8, 8], found 16")]
    [InlineData("GCOUNT", "2", "card 7 'GCOUNT' (byte 3360): expected GCOUNT in [1, 1], found 2")]
    [InlineData("TFIELDS", "1000", "card 8 'TFIELDS' (byte 3440): expected TFIELDS in [0, 999], found 1000")]
    public void A_required_keyword_out_of_range_is_named_with_its_card(string keyword, string value, string message)
    {
        var cards = new[]
        {
            Card("XTENSION", Quoted("BINTABLE")), Card("BITPIX", 8), Card("NAXIS", 2), Card("NAXIS1", 8),
            Card("NAXIS2", 1), Card("PCOUNT", 0), Card("GCOUNT", 1), Card("TFIELDS", 1), Card("TFORM1", Quoted("D")),
        }.Select(c => c.StartsWith($"{keyword,-8}=", StringComparison.Ordinal) ? Card(keyword, value) : c).ToArray();
        byte[] file = [.. Primary(), .. Header(cards), .. Padded(D(1.0))];

        Assert.Equal($"t.fits: HDU 1: {message}", Reject(file).Message);
    }

    [Fact]
    public void A_byte_that_is_not_printable_ASCII_in_a_card_is_named_with_its_offset()
    {
        var file = File(1, [("X", "D")], D(1.0));
        file[Block + (4 * 80) + 20] = 0xC3;

        var error = Reject(file);

        Assert.Equal("t.fits: HDU 1: card 5 (byte 3200): byte 0xC3 at byte 3220 is not printable ASCII; a FITS " +
            "header holds only ASCII text, so the file is damaged or not FITS", error.Message);
    }

    [Fact]
    public void A_bad_BITPIX_in_the_primary_HDU_is_refused()
    {
        byte[] file = [.. Header(Card("SIMPLE", true), Card("BITPIX", 7), Card("NAXIS", 0))];

        Assert.Equal("t.fits: HDU 0: card 2 'BITPIX' (byte 80): expected BITPIX 8, 16, 32, 64, -32 or -64, found 7",
            Reject(file).Message);
    }

    [Fact]
    public void A_primary_image_is_skipped_by_its_size()
    {
        // A 3 × 5 image of 16-bit pixels: 30 bytes, one data block.
        byte[] primary = [.. Header(Card("SIMPLE", true), Card("BITPIX", 16), Card("NAXIS", 2), Card("NAXIS1", 3),
            Card("NAXIS2", 5)), .. Padded(new byte[30])];
        byte[] file = [.. primary, .. TableHeader(1, [("X", "D")]), .. Padded(D(4.0))];

        var result = Read(file);

        Assert.Equal(4.0, result.Table["X"].Numbers[0]);
        Assert.Equal(30, result.Hdus[0].DataLength);
        Assert.Equal(2 * Block, result.Hdu.HeaderOffset);
    }

    [Fact]
    public void Random_groups_are_measured_without_NAXIS1()
    {
        // |BITPIX|/8 · GCOUNT · (PCOUNT + NAXIS2) = 4 · 3 · (2 + 4) = 72 bytes.
        byte[] primary = [.. Header(Card("SIMPLE", true), Card("BITPIX", -32), Card("NAXIS", 2), Card("NAXIS1", 0),
            Card("NAXIS2", 4), Card("GROUPS", true), Card("PCOUNT", 2), Card("GCOUNT", 3)), .. Padded(new byte[72])];
        byte[] file = [.. primary, .. TableHeader(1, [("X", "D")]), .. Padded(D(4.0))];

        var result = Read(file);

        Assert.Equal(72, result.Hdus[0].DataLength);
        Assert.Equal(4.0, result.Table["X"].Numbers[0]);
    }

    [Fact]
    public void A_forged_primary_image_size_is_refused_naming_the_bytes()
    {
        byte[] file = [.. Header(Card("SIMPLE", true), Card("BITPIX", 8), Card("NAXIS", 1), Card("NAXIS1",
            1_000_000_000)), .. TableHeader(1, [("X", "D")]), .. Padded(D(4.0))];

        Assert.Equal("t.fits: HDU 0: the data need 1000000000 bytes from byte 2880, the file holds 5760 (it ends at " +
            "byte 8640); the file is cut short or its header is damaged", Reject(file).Message);
    }

    [Fact]
    public void Two_fields_that_give_the_same_column_name_are_refused()
    {
        var file = File(1, [("MAG", "2E"), ("MAG_1", "E")], new byte[12]);

        Assert.Equal("t.fits: HDU 1: column 2 'MAG_1' (TFORM 'E') and column 1 'MAG' (TFORM '2E') both give a column " +
            "named 'MAG_1' (vector elements are named NAME_0, NAME_1, ...); rename one of them", Reject(file).Message);
    }

    [Fact]
    public void Random_byte_damage_gives_only_a_table_or_a_one_line_data_exception()
    {
        var valid = ValidFile();
        var gen = Gen.Select(Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Array[1, 6], Gen.Int[-3000, 100]);

        gen.Sample((edits, resize) =>
        {
            var bytes = (byte[])valid.Clone();
            foreach (var (position, value) in edits)
            {
                bytes[position] = value;
            }

            ReadOrReject(resize < 0 ? bytes[..Math.Max(0, bytes.Length + resize)] : [.. bytes, .. new byte[resize]]);
        }, iter: 2000);
    }

    [Fact]
    public void Random_damage_to_the_header_values_gives_only_a_table_or_a_one_line_data_exception()
    {
        // Aim at columns 11-30 of every card, where the sizes and formats are.
        var valid = ValidFile();
        var positions = Enumerable.Range(0, valid.Length / 80).Select(c => c * 80)
            .Where(c => c < 3 * Block && valid[c] != ' ')
            .SelectMany(c => Enumerable.Range(c + 10, 20)).ToArray();
        var replacements = Gen.OneOf((byte)'0', (byte)'9', (byte)'-', (byte)'.', (byte)'E', (byte)'\'', (byte)' ',
            (byte)'A', (byte)'P', (byte)'T', (byte)0x00, (byte)0xFF);
        var gen = Gen.Select(Gen.Int[0, positions.Length - 1], replacements).Array[1, 4];

        gen.Sample(edits =>
        {
            var bytes = (byte[])valid.Clone();
            foreach (var (position, value) in edits)
            {
                bytes[positions[position]] = value;
            }

            ReadOrReject(bytes);
        }, iter: 3000);
    }

    private static byte[] ValidFile()
    {
        byte[] row = [(byte)'T', 7, .. I(-3), .. J(40), .. K(5), .. E(1.5f), .. D(2.5), .. Ascii("QSO "), .. E(1, 2)];
        return File(2, [("L", "L"), ("B", "B"), ("I", "I"), ("J", "J"), ("K", "K"), ("E", "E"), ("D", "D"),
            ("S", "4A"), ("V", "2E")], [.. row, .. row], Card("TNULL4", -1), Card("TSCAL6", 2.0),
            Card("EXTNAME", Quoted("FUZZ")));
    }

    private static void ReadOrReject(byte[] bytes)
    {
        try
        {
            var result = Read(bytes);
            Assert.All(result.Table.Columns, c => Assert.Equal(result.Table.RowCount, c.Length));
        }
        catch (DataException ex)
        {
            Assert.StartsWith("t.fits: ", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', ex.Message);
        }
    }
}
