using Astrograd.Kernels;

namespace Astrograd.Tests.Ops.Activations;

/// <summary>
/// erf, erfc, log1p and expm1 against reference values (computed with CPython's math module, which uses the
/// C library's correctly rounded or near-correctly rounded implementations).
/// </summary>
public class SpecialFunctionsTests
{
    private static void AssertRelative(double expected, double actual, double tolerance)
    {
        var scale = Math.Max(Math.Abs(expected), double.Epsilon);
        var relative = Math.Abs(actual - expected) / scale;
        Assert.True(relative <= tolerance,
            FormattableString.Invariant($"expected {expected:R}, got {actual:R}, relative error {relative:E2}"));
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1e-10, 1.1283791670955126e-10)]
    [InlineData(0.1, 0.1124629160182849)]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1, 0.8427007929497149)]
    [InlineData(1.5, 0.9661051464753108)]
    [InlineData(2, 0.9953222650189527)]
    [InlineData(2.4999, 0.9995928300996666)]
    [InlineData(2.5, 0.999593047982555)]
    [InlineData(3, 0.9999779095030014)]
    [InlineData(3.5, 0.9999992569016276)]
    [InlineData(4, 0.9999999845827421)]
    [InlineData(5, 0.9999999999984626)]
    [InlineData(6, 1.0)]
    public void Erf_matches_reference_values_and_is_odd(double x, double expected)
    {
        AssertRelative(expected, SpecialFunctions.Erf(x), 1e-14);
        AssertRelative(-expected, SpecialFunctions.Erf(-x), 1e-14);
    }

    [Theory]
    [InlineData(-3, 1.9999779095030015)]
    [InlineData(-1, 1.842700792949715)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1, 0.15729920705028513)]
    [InlineData(2, 0.004677734981047265)]
    [InlineData(2.5, 0.0004069520174449589)]
    [InlineData(3, 2.2090496998585438e-05)]
    [InlineData(5, 1.5374597944280351e-12)]
    [InlineData(10, 2.088487583762545e-45)]
    [InlineData(20, 5.3958656116079005e-176)]
    [InlineData(26, 5.663192408856143e-296)]
    public void Erfc_keeps_relative_accuracy_in_the_tail(double x, double expected) =>
        AssertRelative(expected, SpecialFunctions.Erfc(x), 1e-13);

    [Fact]
    public void Erf_and_erfc_handle_infinities_and_nan()
    {
        Assert.Equal(1, SpecialFunctions.Erf(double.PositiveInfinity));
        Assert.Equal(-1, SpecialFunctions.Erf(double.NegativeInfinity));
        Assert.Equal(0, SpecialFunctions.Erfc(double.PositiveInfinity));
        Assert.Equal(2, SpecialFunctions.Erfc(double.NegativeInfinity));
        Assert.Equal(0, SpecialFunctions.Erfc(30));
        Assert.True(double.IsNaN(SpecialFunctions.Erf(double.NaN)));
        Assert.True(double.IsNaN(SpecialFunctions.Erfc(double.NaN)));
    }

    [Fact]
    public void Erf_is_continuous_across_the_switch_from_series_to_continued_fraction()
    {
        // Both sides agree to rounding (an ulp either way), so there is no visible step at 2.5.
        var below = SpecialFunctions.Erf(Math.BitDecrement(2.5));
        var at = SpecialFunctions.Erf(2.5);

        AssertRelative(at, below, 1e-15);
    }

    [Fact]
    public void Normal_cdf_is_accurate_in_both_tails()
    {
        AssertRelative(7.619853024160593e-24, SpecialFunctions.NormalCdf(-10), 1e-13);
        Assert.Equal(1.0, SpecialFunctions.NormalCdf(10));
        Assert.Equal(0.5, SpecialFunctions.NormalCdf(0));
    }

    [Theory]
    [InlineData(1e-20, 1e-20)]
    [InlineData(1e-10, 9.999999999500001e-11)]
    [InlineData(1e-05, 9.999950000333332e-06)]
    [InlineData(0.5, 0.4054651081081644)]
    [InlineData(1, 0.6931471805599453)]
    [InlineData(100, 4.61512051684126)]
    [InlineData(-0.5, -0.6931471805599453)]
    public void Log1P_is_accurate_near_zero(double x, double expected) =>
        AssertRelative(expected, SpecialFunctions.Log1P(x), 1e-15);

    [Theory]
    [InlineData(1e-20, 1e-20)]
    [InlineData(-1e-10, -9.999999999500001e-11)]
    [InlineData(1e-05, 1.0000050000166668e-05)]
    [InlineData(-0.5, -0.3934693402873666)]
    [InlineData(1, 1.718281828459045)]
    [InlineData(-30, -0.9999999999999064)]
    [InlineData(5, 147.4131591025766)]
    public void ExpM1_is_accurate_near_zero(double x, double expected) =>
        AssertRelative(expected, SpecialFunctions.ExpM1(x), 1e-15);

    [Fact]
    public void Log1P_and_ExpM1_handle_their_limits()
    {
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Log1P(double.PositiveInfinity));
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.Log1P(-1));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.ExpM1(double.PositiveInfinity));
        Assert.Equal(-1, SpecialFunctions.ExpM1(double.NegativeInfinity));
        Assert.Equal(-1, SpecialFunctions.ExpM1(-800));
    }
}
