using Astrograd.Data;
using Astrograd.Data.Fits;

namespace Astrograd.Tests.Data.Fits;

/// <summary>Integer columns read as the exact text of their values (what predict --keep writes back).</summary>
public sealed class FitsExactIntegerTests
{
    private static string ScaledNulls => Path.Combine(AppContext.BaseDirectory, "Data", "Fits", "Fixtures",
        "scaled_nulls.fits");

    [Fact]
    public void Integer_columns_become_exact_text_with_TZERO_and_TNULL_and_other_columns_stay_numbers()
    {
        using var stream = File.OpenRead(ScaledNulls);

        var table = FitsReader.Read(stream, null, "scaled_nulls.fits",
            ["U16", "S8", "FLUX", "NJ", "NK", "NAN", "OK", "ABSENT"]).Table;

        Assert.Equal(["0", "809", "65535"], table["U16"].Texts.ToArray());
        Assert.Equal(["-128", "0", "127"], table["S8"].Texts.ToArray());
        Assert.Equal(["5", "", "7"], table["NJ"].Texts.ToArray());
        Assert.Equal(["", "1", "2"], table["NK"].Texts.ToArray());
        Assert.Equal(FitsReader.ReadFile(ScaledNulls).Table["FLUX"].Numbers.ToArray(), table["FLUX"].Numbers.ToArray());
        Assert.Equal(ColumnKind.Numeric, table["NAN"].Kind);
        Assert.Equal(ColumnKind.Numeric, table["OK"].Kind);
    }

    [Fact]
    public void An_unsigned_64_bit_identifier_keeps_every_digit()
    {
        ulong[] ids = [18446744073709551615UL, 9223372036854775808UL, 1237648720693755918UL];
        var stored = ids.Select(u => unchecked((long)(u - 9223372036854775808UL))).ToArray();
        var bytes = FitsTestFiles.File(ids.Length, [("UID", "K")], FitsTestFiles.K(stored),
            FitsTestFiles.Card("TZERO1", 9223372036854775808UL));

        var table = FitsReader.Read(new MemoryStream(bytes), null, "u64.fits", ["UID"]).Table;

        Assert.Equal(ids.Select(u => u.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            table["UID"].Texts.ToArray());
    }
}
