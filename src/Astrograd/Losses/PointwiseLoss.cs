using System.Numerics;
using System.Runtime.CompilerServices;

namespace Astrograd.Losses;

/// <summary>A loss that compares each prediction with its target alone: l(p, t) and ∂l/∂p.</summary>
internal interface IPointwiseLoss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    static abstract T Value(T prediction, T target, T parameter);

    static abstract T Derivative(T prediction, T target, T parameter);
}

/// <summary>
/// The shared fused op of pointwise losses: forward and backward in one pass each, no temporaries.
/// Predictions and targets have the same shape [n] or [n, k]; optional weights are per row, [n].
/// A NaN target is a missing label: the mask m = (target is not NaN), per element and of the target's shape,
/// leaves it out of the sum, of the mean's count and of the gradient (which is exactly 0 there, never NaN), so
/// each output of a multi-output row is masked on its own. A batch with no label has loss 0 and gradient 0.
/// </summary>
internal static class PointwiseLoss
{
    public static Tensor<T> Apply<T, TLoss>(string op, Tensor<T> prediction, Tensor<T> target, Reduction reduction,
        Tensor<T>? weights, T parameter)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLoss : IPointwiseLoss<T>
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (prediction.Shape != target.Shape)
        {
            throw new ArgumentException(
                $"{op}: prediction {prediction.Shape} and target {target.Shape} must have the same shape.");
        }

        var rows = prediction.Rank == 0 ? 1 : prediction.Shape[0];
        var perRow = rows == 0 ? 0 : prediction.Size / rows;
        if (weights is not null && (weights.Rank != 1 || weights.Size != rows))
        {
            throw new ArgumentException($"{op}: weights {weights.Shape} must be one per row, [{rows}].");
        }

        var result = new Tensor<T>(Shape.Scalar, new T[1]);
        var scale = T.One;
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Forward()
        {
            var p = prediction.Span;
            var t = target.Span;
            var w = weights is null ? default : weights.Span;
            var total = T.Zero;
            var weightSum = T.Zero;
            for (var r = 0; r < rows; r++)
            {
                var wr = weights is null ? T.One : w[r];
                var rowLoss = T.Zero;
                var labelled = 0;
                for (var j = r * perRow; j < (r + 1) * perRow; j++)
                {
                    if (!T.IsNaN(t[j]))
                    {
                        rowLoss += TLoss.Value(p[j], t[j], parameter);
                        labelled++;
                    }
                }

                total += labelled == 0 ? T.Zero : wr * rowLoss;
                weightSum += labelled == 0 ? T.Zero : wr * T.CreateChecked(labelled);
            }

            scale = reduction == Reduction.Sum ? T.One : weightSum == T.Zero ? T.Zero : T.One / weightSum;
            result.Span[0] = total * scale;
        }

        Forward();
        if (!Tensor<T>.NeedsGrad(prediction))
        {
            return result;
        }

        return result.Record(op, g =>
        {
            var dp = prediction.GradSpan();
            var pp = prediction.Span;
            var tt = target.Span;
            var ww = weights is null ? default : weights.Span;
            var s = g[0] * scale;
            for (var r = 0; r < rows; r++)
            {
                var factor = weights is null ? s : s * ww[r];
                for (var j = r * perRow; j < (r + 1) * perRow; j++)
                {
                    if (!T.IsNaN(tt[j]))
                    {
                        dp[j] += factor * TLoss.Derivative(pp[j], tt[j], parameter);
                    }
                }
            }
        }, Forward, prediction);
    }
}
