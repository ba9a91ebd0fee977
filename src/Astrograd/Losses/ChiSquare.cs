using System.Numerics;
using System.Runtime.CompilerServices;

namespace Astrograd.Losses;

/// <summary>
/// The χ² loss of predictions against measurements with known errors: each element contributes
/// (p − t)² / σ², so a measurement with a large error pulls the fit less.
/// </summary>
public static class ChiSquare
{
    /// <summary>
    /// l = Σₑ mₑ (pₑ − tₑ)² / σₑ² over the elements e of [n] or [n, k] tensors, divided by Σₑ mₑ with the mean
    /// (the mean χ² per measurement, not a weighted mean: halving every σ quadruples the loss);
    /// ∂l/∂pₑ = 2 mₑ (pₑ − tₑ) / σₑ² (times the mean's divisor). The same as L2 with per-element weights 1/σ².
    /// </summary>
    /// <param name="prediction">Predictions p.</param>
    /// <param name="target">Measurements t, the shape of <paramref name="prediction"/>.</param>
    /// <param name="variance">σ² of each measurement, the same shape, every value finite and &gt; 0 (checked
    /// where the σ come from: a zero σ would give one element an infinite weight).</param>
    /// <param name="reduction">Mean over the counted elements, or sum.</param>
    /// <param name="mask">Optional 0/1 per element (the shape of the target): elements with 0 are left out of
    /// the loss, its divisor and the gradient, whatever their target holds (NaN included).</param>
    public static Tensor<T> Compute<T>(Tensor<T> prediction, Tensor<T> target, Tensor<T> variance,
        Reduction reduction = Reduction.Mean, Tensor<T>? mask = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(variance);
        if (prediction.Shape != target.Shape || variance.Shape != target.Shape)
        {
            throw new ArgumentException(
                $"chi2: prediction {prediction.Shape}, target {target.Shape} and variance {variance.Shape} must " +
                    "have the same shape.");
        }

        ElementMask.Check("chi2", mask, target.Shape);
        var count = target.Size;
        var result = new Tensor<T>(Shape.Scalar, new T[1]);
        var scale = T.One;
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Forward()
        {
            var p = prediction.Span;
            var t = target.Span;
            var v = variance.Span;
            var m = mask is null ? default : mask.Span;
            T total = T.Zero, counted = T.Zero;
            for (var e = 0; e < count; e++)
            {
                if ((mask is not null && m[e] == T.Zero) || T.IsNaN(t[e]))
                {
                    continue;
                }

                var r = p[e] - t[e];
                total += r * r / v[e];
                counted += T.One;
            }

            scale = ElementMask.Scale(reduction, counted);
            result.Span[0] = total * scale;
        }

        Forward();
        if (!Tensor<T>.NeedsGrad(prediction))
        {
            return result;
        }

        return result.Record("chi2", g =>
        {
            var dp = prediction.GradSpan();
            var p = prediction.Span;
            var t = target.Span;
            var v = variance.Span;
            var m = mask is null ? default : mask.Span;
            var factor = g[0] * scale * T.CreateChecked(2);
            for (var e = 0; e < count; e++)
            {
                if ((mask is null || m[e] != T.Zero) && !T.IsNaN(t[e]))
                {
                    dp[e] += factor * (p[e] - t[e]) / v[e];
                }
            }
        }, Forward, prediction);
    }
}
