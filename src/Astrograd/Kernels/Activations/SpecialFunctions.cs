namespace Astrograd.Kernels;

/// <summary>
/// Scalar special functions in float64 that .NET lacks or computes inaccurately: the error function and its
/// complement, and log(1 + x) and exp(x) − 1 without cancellation near 0 (.NET's LogP1 and ExpM1 are the
/// naive formulas).
/// </summary>
internal static class SpecialFunctions
{
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double OneOverSqrtPi = 0.56418958354775628;
    private const double OneOverSqrtTwo = 0.70710678118654752;
    private const double OneOverSqrtTwoPi = 0.39894228040143268;

    // Below this |x| the series is used, above it the continued fraction: both need under 40 terms there.
    private const double SeriesLimit = 2.5;

    // erfc(x) is below the smallest subnormal double for x beyond this.
    private const double ErfcUnderflow = 27.3;

    /// <summary>erf(x) = (2/√π) ∫₀ˣ e^(−t²) dt, to about 1e-15 relative error; erf(±∞) = ±1,
    /// erf(NaN) = NaN.</summary>
    public static double Erf(double x)
    {
        var a = Math.Abs(x);
        if (double.IsNaN(x))
        {
            return x;
        }

        var value = a < SeriesLimit ? ErfSeries(a) : 1 - ErfcContinuedFraction(a);
        return x < 0 ? -value : value;
    }

    /// <summary>
    /// erfc(x) = 1 − erf(x), accurate in relative terms in the right tail (erfc(10) ≈ 2.088e-45, not 0):
    /// about 1e-15 relative error from 2.5 on (continued fraction), about 1e-12 between 1 and 2.5 (where it is
    /// 1 − erf and the subtraction magnifies erf's rounding). erfc(−∞) = 2, erfc(+∞) = 0.
    /// </summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        var a = Math.Abs(x);
        if (a < SeriesLimit)
        {
            return 1 - (x < 0 ? -ErfSeries(a) : ErfSeries(a));
        }

        var tail = ErfcContinuedFraction(a);
        return x < 0 ? 2 - tail : tail;
    }

    /// <summary>The standard normal CDF Φ(x) = ½ erfc(−x/√2), accurate in relative terms in both tails.</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x * OneOverSqrtTwo);

    /// <summary>The standard normal density φ(x) = e^(−x²/2) / √(2π).</summary>
    public static double NormalPdf(double x) => OneOverSqrtTwoPi * Math.Exp(-0.5 * x * x);

    /// <summary>log(1 + x), accurate for tiny x (log1p(1e-20) = 1e-20, where log(1 + x) gives 0).</summary>
    public static double Log1P(double x)
    {
        var u = 1 + x;
        if (u == 1)
        {
            return x;
        }

        if (double.IsPositiveInfinity(u))
        {
            return u;
        }

        // The rounding error of 1 + x cancels between log(u) and u − 1 (a classic trick, exact to a few ulps).
        return Math.Log(u) * x / (u - 1);
    }

    /// <summary>exp(x) − 1, accurate for tiny x (expm1(1e-20) = 1e-20, where exp(x) − 1 gives 0).</summary>
    public static double ExpM1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        var um1 = u - 1;
        if (um1 == -1 || double.IsPositiveInfinity(u))
        {
            return um1;
        }

        // Same cancellation trick as Log1P, in the other direction.
        return um1 * x / Math.Log(u);
    }

    // erf(a) for 0 <= a < 2.5 from the all-positive series erf(a) = (2/√π) e^(−a²) Σ (2a²)ⁿ a / (2n+1)!!,
    // which has no cancellation (the alternating Maclaurin series loses digits as a grows).
    private static double ErfSeries(double a)
    {
        var a2 = a * a;
        double term = a, sum = a;
        for (var n = 0; n < 100 && term > 1e-17 * sum; n++)
        {
            term *= 2 * a2 / ((2 * n) + 3);
            sum += term;
        }

        return TwoOverSqrtPi * Math.Exp(-a2) * sum;
    }

    // erfc(a) for a >= 2.5 from the continued fraction
    // erfc(a) = e^(−a²)/√π · 1/(a + ½/(a + 1/(a + (3/2)/(a + …)))),
    // evaluated with the modified Lentz method.
    private static double ErfcContinuedFraction(double a)
    {
        if (a > ErfcUnderflow)
        {
            return 0;
        }

        const double Tiny = 1e-300;
        double f = a, c = a, d = 0;
        for (var k = 1; k < 200; k++)
        {
            var ak = 0.5 * k;
            d = a + (ak * d);
            d = d == 0 ? Tiny : 1 / d;
            c = a + (ak / c);
            c = c == 0 ? Tiny : c;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return OneOverSqrtPi * Math.Exp(-a * a) / f;
    }
}
