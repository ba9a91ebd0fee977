using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Astrograd.Kernels;

/// <summary>The exponential linear unit elu(x) = x for x &gt; 0, else α(eˣ − 1), and its backward rule.</summary>
internal static class EluKernel
{
    /// <summary>y = x for x &gt; 0, else α · expm1(x) (computed in float64, accurate near 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T>(ReadOnlySpan<T> x, T alpha, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == y.Length);
        var a = double.CreateTruncating(alpha);
        for (var i = 0; i < x.Length; i++)
        {
            var xi = x[i];
            y[i] = xi > T.Zero ? xi : T.CreateTruncating(a * SpecialFunctions.ExpM1(double.CreateTruncating(xi)));
        }
    }

    /// <summary>
    /// dx += g · (x &gt; 0 ? 1 : αeˣ), where αeˣ = y + α is read from the saved output (no second exp);
    /// the saved input only picks the side. At x = 0 the derivative is α.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, T alpha, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == y.Length && x.Length == g.Length && x.Length == dx.Length);
        for (var i = 0; i < x.Length; i++)
        {
            if (g[i] == T.Zero)
            {
                continue; // strong zero: a zero incoming gradient adds exactly 0, even at a NaN input
            }

            dx[i] += x[i] > T.Zero ? g[i] : g[i] * (y[i] + alpha);
        }
    }
}
