using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Astrograd.Kernels;

/// <summary>
/// softplus(x) = log(1 + e^(βx)) / β with PyTorch's linear switch above a threshold, and its backward rule.
/// </summary>
internal static class SoftplusKernel
{
    /// <summary>
    /// y = x where βx &gt; threshold; elsewhere y = (max(βx, 0) + log1p(e^(−|βx|))) / β, the overflow-free form
    /// of log(1 + e^(βx)) / β (softplus(200) = 200 even with an infinite threshold).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T>(ReadOnlySpan<T> x, double beta, double threshold, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == y.Length);
        for (var i = 0; i < x.Length; i++)
        {
            var z = beta * double.CreateTruncating(x[i]);
            y[i] = z > threshold ? x[i] : T.CreateTruncating(Stable(z) / beta);
        }
    }

    /// <summary>
    /// dx += g · (βx &gt; threshold ? 1 : σ(βx)), from the saved input: the test is on βx, not on y, so an input
    /// under the threshold gets σ(βx) even when it is close to 1 (P14).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(ReadOnlySpan<T> x, double beta, double threshold, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == g.Length && x.Length == dx.Length);
        for (var i = 0; i < x.Length; i++)
        {
            if (g[i] == T.Zero)
            {
                continue; // strong zero: a zero incoming gradient adds exactly 0, even at a NaN input
            }

            var z = beta * double.CreateTruncating(x[i]);
            dx[i] += z > threshold ? g[i] : g[i] * T.CreateTruncating(Sigmoid(z));
        }
    }

    /// <summary>log(1 + eᶻ) without overflow or loss for large |z|.</summary>
    public static double Stable(double z) => Math.Max(z, 0) + SpecialFunctions.Log1P(Math.Exp(-Math.Abs(z)));

    /// <summary>σ(z) by the branch that never overflows: 1/(1 + e^(−z)) for z ≥ 0, eᶻ/(1 + eᶻ)
    /// below.</summary>
    public static double Sigmoid(double z)
    {
        if (z >= 0)
        {
            return 1 / (1 + Math.Exp(-z));
        }

        var e = Math.Exp(z);
        return e / (1 + e);
    }
}
