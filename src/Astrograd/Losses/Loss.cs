using System.Numerics;

namespace Astrograd.Losses;

/// <summary>
/// The losses training minimises. Each is one fused op (value and gradient computed directly, stable for
/// extreme inputs) and takes an explicit <see cref="Reduction"/> and optional per-row weights.
/// </summary>
public static class Loss
{
    /// <summary>L1, the absolute error: l = |p − t|; ∂l/∂p = sign(p − t), taken as 0 at p = t.</summary>
    public static Tensor<T> L1<T>(Tensor<T> prediction, Tensor<T> target, Reduction reduction = Reduction.Mean,
        Tensor<T>? weights = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        PointwiseLoss.Apply<T, AbsoluteError<T>>("l1", prediction, target, reduction, weights, T.Zero);

    /// <summary>L2, the squared error (mean squared error with the mean): l = (p − t)²; ∂l/∂p = 2(p
    /// − t).</summary>
    public static Tensor<T> L2<T>(Tensor<T> prediction, Tensor<T> target, Reduction reduction = Reduction.Mean,
        Tensor<T>? weights = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        PointwiseLoss.Apply<T, SquaredError<T>>("l2", prediction, target, reduction, weights, T.Zero);

    /// <summary>
    /// Huber loss with threshold δ: l = ½d² for |d| ≤ δ, else δ(|d| − ½δ), with d = p − t;
    /// quadratic near the
    /// target, linear (robust to outliers) far from it.
    /// </summary>
    public static Tensor<T> Huber<T>(Tensor<T> prediction, Tensor<T> target, double delta = 1.0,
        Reduction reduction = Reduction.Mean, Tensor<T>? weights = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(delta > 0) || !double.IsFinite(delta))
        {
            throw new ArgumentOutOfRangeException(nameof(delta),
                FormattableString.Invariant($"Huber: delta must be finite and > 0, got {delta}."));
        }

        return PointwiseLoss.Apply<T, HuberError<T>>("huber", prediction, target, reduction, weights,
            T.CreateChecked(delta));
    }

    /// <summary>
    /// Binary cross-entropy from logits x with targets y ∈ [0, 1], in the stable form
    /// l = max(x, 0) − x·y + log(1 + e^(−|x|)); ∂l/∂x = σ(x) − y. Exact for saturated logits (x =
    /// 200, y = 0
    /// gives 200, not ∞).
    /// </summary>
    public static Tensor<T> BinaryCrossEntropyWithLogits<T>(Tensor<T> logits, Tensor<T> target,
        Reduction reduction = Reduction.Mean, Tensor<T>? weights = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        PointwiseLoss.Apply<T, LogisticLoss<T>>("bce", logits, target, reduction, weights, T.Zero);

    private readonly struct AbsoluteError<T> : IPointwiseLoss<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Value(T p, T t, T parameter) => T.Abs(p - t);

        public static T Derivative(T p, T t, T parameter) => p > t ? T.One : p < t ? -T.One : T.Zero;
    }

    private readonly struct SquaredError<T> : IPointwiseLoss<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Value(T p, T t, T parameter) => (p - t) * (p - t);

        public static T Derivative(T p, T t, T parameter) => T.CreateChecked(2) * (p - t);
    }

    private readonly struct HuberError<T> : IPointwiseLoss<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Value(T p, T t, T delta)
        {
            var d = T.Abs(p - t);
            var half = T.CreateChecked(0.5);
            return d <= delta ? half * d * d : delta * (d - (half * delta));
        }

        public static T Derivative(T p, T t, T delta) => T.Clamp(p - t, -delta, delta);
    }

    private readonly struct LogisticLoss<T> : IPointwiseLoss<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Value(T x, T y, T parameter) =>
            T.Max(x, T.Zero) - (x * y) + T.LogP1(T.Exp(-T.Abs(x)));

        public static T Derivative(T x, T y, T parameter)
        {
            // σ(x) without overflow for either sign of x.
            var e = T.Exp(-T.Abs(x));
            var sigma = x >= T.Zero ? T.One / (T.One + e) : e / (T.One + e);
            return sigma - y;
        }
    }
}
