using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Astrograd.Kernels;

/// <summary>
/// The Gaussian error linear unit gelu(x) = x · Φ(x) (Hendrycks &amp; Gimpel 2016), exactly through erf or by
/// the tanh approximation, and its backward rules. Computed per element in float64.
/// </summary>
internal static class GeluKernel
{
    private const double SqrtTwoOverPi = 0.79788456080286536;
    private const double Cubic = 0.044715;

    /// <summary>y = x · Φ(x), Φ(x) = ½ erfc(−x/√2); gelu(−∞) = 0 (the limit, not −∞ · 0 =
    /// NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == y.Length);
        for (var i = 0; i < x.Length; i++)
        {
            var xi = double.CreateTruncating(x[i]);
            var cdf = SpecialFunctions.NormalCdf(xi);
            y[i] = T.CreateTruncating(cdf == 0 ? 0 : xi * cdf);
        }
    }

    /// <summary>dx += g · (Φ(x) + x·φ(x)), from the saved input; the x·φ(x) term is 0 where φ
    /// underflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == g.Length && x.Length == dx.Length);
        for (var i = 0; i < x.Length; i++)
        {
            if (g[i] == T.Zero)
            {
                continue; // strong zero: a zero incoming gradient adds exactly 0, even at a NaN input
            }

            var xi = double.CreateTruncating(x[i]);
            var pdf = SpecialFunctions.NormalPdf(xi);
            var slope = SpecialFunctions.NormalCdf(xi) + (pdf == 0 ? 0 : xi * pdf);
            dx[i] += g[i] * T.CreateTruncating(slope);
        }
    }

    /// <summary>y = ½ x (1 + tanh(√(2/π) (x + 0.044715 x³))); 0 at −∞.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TanhForward<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == y.Length);
        for (var i = 0; i < x.Length; i++)
        {
            var xi = double.CreateTruncating(x[i]);
            var half = 0.5 * (1 + Math.Tanh(SqrtTwoOverPi * (xi + (Cubic * xi * xi * xi))));
            y[i] = T.CreateTruncating(half == 0 ? 0 : xi * half);
        }
    }

    /// <summary>
    /// dx += g · (½(1 + t) + ½ x (1 − t²) √(2/π) (1 + 3·0.044715 x²)), t = tanh(√(2/π)(x + 0.044715
    /// x³)),
    /// from the saved input; the second term is 0 where 1 − t² is 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TanhBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == g.Length && x.Length == dx.Length);
        for (var i = 0; i < x.Length; i++)
        {
            if (g[i] == T.Zero)
            {
                continue; // strong zero: a zero incoming gradient adds exactly 0, even at a NaN input
            }

            var xi = double.CreateTruncating(x[i]);
            var t = Math.Tanh(SqrtTwoOverPi * (xi + (Cubic * xi * xi * xi)));
            var sech2 = 1 - (t * t);
            var inner = sech2 == 0 ? 0 : 0.5 * xi * sech2 * SqrtTwoOverPi * (1 + (3 * Cubic * xi * xi));
            dx[i] += g[i] * T.CreateTruncating((0.5 * (1 + t)) + inner);
        }
    }
}
