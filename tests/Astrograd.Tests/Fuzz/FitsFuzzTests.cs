using System.Text;
using Astrograd.Data;
using Astrograd.Data.Fits;
using CsCheck;

namespace Astrograd.Tests.Fuzz;

/// <summary>The FITS reader on random bytes, mutations of astropy's files and forged header values.</summary>
public sealed class FitsFuzzTests
{
    private static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "Fits", "Fixtures", name));

    public static TheoryData<string> Fixtures => ["htru2_40rows.fits", "all_types.fits", "scaled_nulls.fits"];

    [Fact]
    public void Random_bytes_give_a_table_or_a_data_error() =>
        Mutations.RandomBytes(6000).Sample(Read, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations);

    [Fact]
    public void Random_bytes_after_a_valid_primary_header_give_a_table_or_a_data_error()
    {
        var primary = Fixture("htru2_40rows.fits").AsSpan(0, 2880).ToArray();

        Mutations.RandomBytes(6000).Select(tail => (byte[])[.. primary, .. tail])
            .Sample(Read, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Mutated_files_give_a_table_or_a_data_error(string fixture) =>
        Mutations.Of(Fixture(fixture)).Sample(Read, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Mutated_header_values_give_a_table_or_a_data_error(string fixture)
    {
        var valid = Fixture(fixture);

        Gen.Select(Gen.Int[0, 200], Gen.OneOf(_forgedValues), (card, value) => Forge(valid, card, value))
            .Sample(Read, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations);
    }

    [Theory]
    [InlineData("NAXIS2", "1000000000000")]
    [InlineData("NAXIS1", "1000000000000")]
    [InlineData("NAXIS2", "-1")]
    [InlineData("PCOUNT", "1000000000000")]
    [InlineData("TFIELDS", "1000000000")]
    [InlineData("NAXIS1", "99999999999999999999999999")]
    public void A_forged_size_is_refused_before_it_is_allocated(string keyword, string value)
    {
        var bytes = ForgeKeyword(Fixture("htru2_40rows.fits"), keyword, value);

        var e = Assert.Throws<DataException>(() => FitsReader.Read(new MemoryStream(bytes), null, "forged.fits"));

        Assert.Contains("forged.fits", e.Message, StringComparison.Ordinal);
    }

    private static readonly string[] _forgedValues =
        ["1000000000000", "-1", "0", "2147483647", "2147483648", "-2147483648", "9223372036854775807",
            "99999999999999999999", "1.5", "'1E'", "'1000000000D'", "'2147483647E'", "'0J'", "'-5I'", "T", "",
            "'", "1e308", "NaN", "'PJ(2147483647)'"];

    // The value of the card-th 80-byte card, overwritten with a hostile one.
    private static byte[] Forge(byte[] valid, int card, string value)
    {
        var bytes = (byte[])valid.Clone();
        var at = (card % (bytes.Length / 80)) * 80;
        if (bytes[at + 8] == (byte)'=')
        {
            var text = Encoding.ASCII.GetBytes(value.PadLeft(20).PadRight(70));
            text.CopyTo(bytes, at + 10);
        }

        return bytes;
    }

    // The first header card with the given keyword after the primary HDU, its value replaced.
    private static byte[] ForgeKeyword(byte[] valid, string keyword, string value)
    {
        var bytes = (byte[])valid.Clone();
        for (var at = 2880; at + 80 <= bytes.Length; at += 80)
        {
            if (Encoding.ASCII.GetString(bytes, at, 8).TrimEnd() == keyword)
            {
                Encoding.ASCII.GetBytes(value.PadLeft(20).PadRight(70)).CopyTo(bytes, at + 10);
                return bytes;
            }
        }

        throw new InvalidOperationException($"the fixture has no {keyword} card");
    }

    private static void Read(byte[] bytes) =>
        FuzzOracle.Check(bytes, () => FitsReader.Read(new MemoryStream(bytes), null, "fuzz.fits"),
            typeof(DataException));
}
