using System.Numerics;
using System.Runtime.CompilerServices;

namespace Astrograd.Losses;

/// <summary>A likelihood loss of a residual r = t − μ under a predicted variance v: l(r, v), ∂l/∂μ, ∂l/∂v.
/// </summary>
internal interface IMeanVarianceLoss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    static abstract T Value(T residual, T variance, T parameter);

    /// <summary>∂l/∂μ (note: μ, not r).</summary>
    static abstract T DerivativeMean(T residual, T variance, T parameter);

    static abstract T DerivativeVariance(T residual, T variance, T parameter);
}

/// <summary>
/// The layout and the shared fused op of the losses whose network predicts a mean and a log-variance for each
/// of k targets: an output row is [μ₀ … μₖ₋₁, s₀ … sₖ₋₁] (all means first, so that the first k columns are the
/// point predictions), and the variance is v = exp(s̃) + σ²_known + ε with
/// s̃ = clamp(s, −<see cref="LogVarianceLimit"/>,
/// +<see cref="LogVarianceLimit"/>) and ε = <see cref="VarianceFloor"/>.
/// </summary>
/// <remarks>
/// The clamp keeps exp finite in float32 for any s the network outputs (as PyTorch's GaussianNLLLoss clamps the
/// variance from below); outside it ∂l/∂s is 0, as for any clamp. The floor ε keeps 1/v finite when the
/// network drives s to −∞ on a target it fits exactly. Both are in the units of the (standardised) target.
/// </remarks>
public static class MeanVarianceLoss
{
    /// <summary>|s| above this is clamped: e^20 ≈ 4.9·10⁸ (and its square) stay finite in float32.</summary>
    public const double LogVarianceLimit = 20;

    /// <summary>ε, added to every variance.</summary>
    public const double VarianceFloor = 1e-6;

    /// <summary>The predicted variance v = exp(clamp(s)) + σ²_known + ε of one output.</summary>
    public static T Variance<T>(T logVariance, T knownVariance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var limit = T.CreateChecked(LogVarianceLimit);
        return T.Exp(T.Clamp(logVariance, -limit, limit)) + knownVariance + T.CreateChecked(VarianceFloor);
    }

    internal static Tensor<T> Apply<T, TLoss>(string op, Tensor<T> output, Tensor<T> target,
        Tensor<T>? knownVariance, Reduction reduction, Tensor<T>? mask, T parameter)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLoss : IMeanVarianceLoss<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Rank != 2 || output.Rank != 2 || output.Shape[0] != target.Shape[0]
            || output.Shape[1] != 2 * target.Shape[1])
        {
            throw new ArgumentException(
                $"{op}: output {output.Shape} must hold a mean and a log-variance per target, [n, 2k], for " +
                    $"target {target.Shape} = [n, k].");
        }

        if (knownVariance is not null && knownVariance.Shape != target.Shape)
        {
            throw new ArgumentException(
                $"{op}: known variance {knownVariance.Shape} must have the target's shape {target.Shape}.");
        }

        ElementMask.Check(op, mask, target.Shape);
        int n = target.Shape[0], k = target.Shape[1];
        var limit = T.CreateChecked(LogVarianceLimit);
        var result = new Tensor<T>(Shape.Scalar, new T[1]);
        var scale = T.One;
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Forward()
        {
            var o = output.Span;
            var t = target.Span;
            var known = knownVariance is null ? default : knownVariance.Span;
            var m = mask is null ? default : mask.Span;
            T total = T.Zero, counted = T.Zero;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    var e = (i * k) + j;
                    if ((mask is not null && m[e] == T.Zero) || T.IsNaN(t[e]))
                    {
                        continue;
                    }

                    var v = Variance(o[(i * 2 * k) + k + j], knownVariance is null ? T.Zero : known[e]);
                    total += TLoss.Value(t[e] - o[(i * 2 * k) + j], v, parameter);
                    counted += T.One;
                }
            }

            scale = ElementMask.Scale(reduction, counted);
            result.Span[0] = total * scale;
        }

        Forward();
        if (!Tensor<T>.NeedsGrad(output))
        {
            return result;
        }

        return result.Record(op, g =>
        {
            var d = output.GradSpan();
            var o = output.Span;
            var t = target.Span;
            var known = knownVariance is null ? default : knownVariance.Span;
            var m = mask is null ? default : mask.Span;
            var factor = g[0] * scale;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    var e = (i * k) + j;
                    if ((mask is not null && m[e] == T.Zero) || T.IsNaN(t[e]))
                    {
                        continue;
                    }

                    int mean = (i * 2 * k) + j, logVariance = mean + k;
                    var s = o[logVariance];
                    var v = Variance(s, knownVariance is null ? T.Zero : known[e]);
                    var r = t[e] - o[mean];
                    d[mean] += factor * TLoss.DerivativeMean(r, v, parameter);

                    // ∂v/∂s = e^s inside the clamp, 0 outside it.
                    if (s > -limit && s < limit)
                    {
                        d[logVariance] += factor * TLoss.DerivativeVariance(r, v, parameter) * T.Exp(s);
                    }
                }
            }
        }, Forward, output);
    }
}
