using System.Globalization;
using Astrograd.Data;

namespace Astrograd.Tests.Data;

// Case F6 of cases.md: number spellings in CSV.
public class NumberTextTests
{
    [Theory]
    [InlineData("nan")]
    [InlineData("NaN")]
    [InlineData("NAN")]
    [InlineData("")]
    [InlineData("   ")]
    public void F6_nan_spellings_and_empty_cell_are_missing(string text)
    {
        var kind = NumberText.Classify(text, out var value);

        Assert.Equal(CellKind.Missing, kind);
        Assert.True(double.IsNaN(value));
    }

    [Theory]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("+inf", double.PositiveInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("INF", double.PositiveInfinity)]
    public void F6_infinity_spellings_parse_to_signed_infinity(string text, double expected)
    {
        var kind = NumberText.Classify(text, out var value);

        Assert.Equal(CellKind.Number, kind);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1e-05", 1e-05)]
    [InlineData("-9e-06", -9e-06)]
    [InlineData("6.000000e-03", 0.006)]
    [InlineData("1E+05", 1e5)]
    [InlineData("+1.5E-03", 0.0015)]
    [InlineData(".5", 0.5)]
    [InlineData("-.5", -0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("-8.96E-06", -8.96e-06)]
    [InlineData("1.23766E+18", 1.23766e18)]
    [InlineData(" 42 ", 42.0)]
    public void F6_exponent_and_short_forms_parse(string text, double expected)
    {
        var kind = NumberText.Classify(text, out var value);

        Assert.Equal(CellKind.Number, kind);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("-9999")]
    [InlineData("-9999.0")]
    [InlineData("-9.999e3")]
    public void F6_sentinel_spellings_compare_as_numbers_and_are_missing(string text)
    {
        var kind = NumberText.Classify(text, out var value, sentinel: -9999);

        Assert.Equal(CellKind.Missing, kind);
        Assert.True(double.IsNaN(value));
    }

    [Fact]
    public void F6_a_value_near_the_sentinel_is_real()
    {
        var kind = NumberText.Classify("-9999.5", out var value, sentinel: -9999);

        Assert.Equal(CellKind.Number, kind);
        Assert.Equal(-9999.5, value);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(" nan ", true)]
    [InlineData("-NaN", true)]
    [InlineData("+", false)]
    [InlineData("nanny", false)]
    [InlineData("0", false)]
    public void IsMissing_recognises_the_missing_spellings(string text, bool missing)
    {
        Assert.Equal(missing, NumberText.IsMissing(text));
    }

    [Theory]
    [InlineData("GALAXY")]
    [InlineData("1,5")]
    [InlineData("1.2.3")]
    [InlineData("infinit")]
    [InlineData("0x1F")]
    [InlineData("4\0")]
    [InlineData("\04")]
    [InlineData("1.5\0\0")]
    [InlineData("12345678901234567890123\0")]
    [InlineData("\v4")]
    [InlineData("4\u001b[31m")]
    public void Non_numbers_are_text(string text)
    {
        Assert.Equal(CellKind.Text, NumberText.Classify(text, out _));
    }

    [Fact]
    public void Parsing_ignores_a_culture_with_decimal_comma()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = GermanCulture();
            Assert.NotEqual(1.5, double.Parse("1.5", CultureInfo.CurrentCulture));

            var table = CsvReader.Parse("x;y\n1.5;-2.25e-3\n");

            Assert.Equal(1.5, table["x"].Numbers[0]);
            Assert.Equal(-0.00225, table["y"].Numbers[0]);
            Assert.Equal(CellKind.Text, NumberText.Classify("1,5", out _));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    // The build uses invariant globalization, where "de-DE" may not exist: then an invariant clone with
    // German number symbols (decimal comma, dot grouping) stands in for it.
    private static CultureInfo GermanCulture()
    {
        try
        {
            var german = CultureInfo.GetCultureInfo("de-DE", predefinedOnly: false);
            if (german.NumberFormat.NumberDecimalSeparator == ",")
            {
                return german;
            }
        }
        catch (CultureNotFoundException)
        {
            // Fall through to the stand-in below.
        }

        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return culture;
    }
}
