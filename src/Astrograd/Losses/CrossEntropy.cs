using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Astrograd.Losses;

/// <summary>Multiclass cross-entropy from logits, fused with its softmax.</summary>
public static class CrossEntropy
{
    /// <summary>
    /// l = log Σⱼ e^(xⱼ) − x_y for each row of <paramref name="logits"/> [n, classes] and its class index y,
    /// computed with the row maximum subtracted (logits [1000, 1001] and class 0 give 1.3132616875).
    /// ∂l/∂x = softmax(x) − onehot(y).
    /// </summary>
    /// <param name="logits">Unnormalised scores, [n, classes].</param>
    /// <param name="classes">The true class of each row, 0 ≤ y &lt; classes.</param>
    /// <param name="reduction">Mean (weighted by <paramref name="weights"/>) or sum over rows.</param>
    /// <param name="weights">Optional per-row weights, [n].</param>
    public static Tensor<T> FromLogits<T>(Tensor<T> logits, ReadOnlySpan<int> classes,
        Reduction reduction = Reduction.Mean, Tensor<T>? weights = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank != 2 || logits.Shape[0] != classes.Length)
        {
            throw new ArgumentException(
                $"CrossEntropy: logits {logits.Shape} do not fit {classes.Length} class labels; expected [n, " +
                    $"classes].");
        }

        int n = logits.Shape[0], k = logits.Shape[1];
        if (weights is not null && (weights.Rank != 1 || weights.Size != n))
        {
            throw new ArgumentException($"CrossEntropy: weights {weights.Shape} must be one per row, [{n}].");
        }

        return Compute(logits, classes.ToArray(), reduction, weights);
    }

    /// <summary>
    /// As <see cref="FromLogits{T}(Tensor{T}, ReadOnlySpan{int}, Reduction, Tensor{T}?)"/>, reading the classes
    /// from <paramref name="labels"/> itself (not a copy), so that a replayed graph sees the labels written
    /// there for each batch.
    /// </summary>
    internal static Tensor<T> FromLogits<T>(Tensor<T> logits, int[] labels, Reduction reduction)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank != 2 || logits.Shape[0] != labels.Length)
        {
            throw new ArgumentException(
                $"CrossEntropy: logits {logits.Shape} do not fit {labels.Length} class labels; expected [n, " +
                    $"classes].");
        }

        return Compute<T>(logits, labels, reduction, null);
    }

    private static Tensor<T> Compute<T>(Tensor<T> logits, int[] labels, Reduction reduction, Tensor<T>? weights)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = logits.Shape[0], k = logits.Shape[1];

        // Keep the softmax of every row: the backward rule is softmax − onehot.
        var softmax = new T[n * k];
        var result = new Tensor<T>(Shape.Scalar, new T[1]);
        var scale = T.One;
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Forward()
        {
            for (var i = 0; i < n; i++)
            {
                if ((uint)labels[i] >= (uint)k)
                {
                    throw new ArgumentException(
                        $"CrossEntropy: row {i} has class {labels[i]}, outside 0..{k - 1} for logits {logits.Shape}.");
                }
            }

            var x = logits.Span;
            var w = weights is null ? default : weights.Span;
            T total = T.Zero, weightSum = T.Zero;
            for (var i = 0; i < n; i++)
            {
                var row = x.Slice(i * k, k);
                var probs = softmax.AsSpan(i * k, k);
                var max = TensorPrimitives.Max<T>(row);
                TensorPrimitives.Subtract(row, max, probs);
                TensorPrimitives.Exp<T>(probs, probs);
                var sum = TensorPrimitives.Sum<T>(probs);
                TensorPrimitives.Divide(probs, sum, probs);

                // (max − x_y) first: both are large and close, so their difference is exact in float32.
                var rowLoss = (max - row[labels[i]]) + T.Log(sum);
                var wi = weights is null ? T.One : w[i];
                total += wi * rowLoss;
                weightSum += wi;
            }

            scale = reduction == Reduction.Mean ? T.One / weightSum : T.One;
            result.Span[0] = total * scale;
        }

        Forward();
        if (!Tensor<T>.NeedsGrad(logits))
        {
            return result;
        }

        return result.Record("cross_entropy", g =>
        {
            var dx = logits.GradSpan();
            var ww = weights is null ? default : weights.Span;
            for (var i = 0; i < n; i++)
            {
                var factor = g[0] * scale * (weights is null ? T.One : ww[i]);
                var probs = softmax.AsSpan(i * k, k);
                var target = dx.Slice(i * k, k);
                TensorPrimitives.FusedMultiplyAdd(probs, factor, target, target);
                target[labels[i]] -= factor;
            }
        }, Forward, logits);
    }
}
