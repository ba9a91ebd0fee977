namespace Astrograd.Tests.Ops;

/// <summary>
/// The gradient-check table of the core (non-activation) ops: every differentiable op, with broadcasting
/// variants and the input domain each needs. Rows past <see cref="OpCase.ElementwiseCheckLimit"/> elements
/// (the "large" rows) get the random-direction check. Activations have their own table (ActivationTable).
/// </summary>
public static class OpTable
{
    // Fixed masks and indices for where and gather: data, not differentiated.
    private static readonly double[] _columnMask = [1, 0, 1];
    private static readonly bool[] _checkerboard =
        [true, false, true, false, false, true, false, true, true, false, true, false];
    private static readonly int[] _picks = [4, 0, 4, 2, 1, 4];

    /// <summary>The rows.</summary>
    public static IReadOnlyList<OpCase> Cases { get; } =
    [
        // Arithmetic, with broadcasting.
        new("add", t => t[0] + t[1], [[3, 4], [3, 4]], Domain.Real) { F32 = t => t[0] + t[1] },
        new("add broadcast row", t => t[0] + t[1], [[3, 4], [4]], Domain.Real) { F32 = t => t[0] + t[1] },
        new("add broadcast outer", t => t[0] + t[1], [[3, 1], [1, 4]], Domain.Real) { F32 = t => t[0] + t[1] },
        new("add scalar tensor", t => t[0] + t[1], [[3, 4], []], Domain.Real) { F32 = t => t[0] + t[1] },
        new("sub", t => t[0] - t[1], [[3, 4], [3, 4]], Domain.Real) { F32 = t => t[0] - t[1] },
        new("sub broadcast column", t => t[0] - t[1], [[3, 4], [3, 1]], Domain.Real) { F32 = t => t[0] - t[1] },
        new("sub broadcast outer", t => t[0] - t[1], [[4], [3, 1]], Domain.Real) { F32 = t => t[0] - t[1] },
        new("sub from constant", t => 1.5 - t[0], [[3, 4]], Domain.Real) { F32 = t => 1.5f - t[0] },
        new("sub scalar tensor", t => t[0] - t[1], [[3, 4], []], Domain.Real) { F32 = t => t[0] - t[1] },
        new("neg", t => -t[0], [[3, 4]], Domain.Real) { F32 = t => -t[0] },
        new("mul", t => t[0] * t[1], [[3, 4], [3, 4]], Domain.Real) { F32 = t => t[0] * t[1] },
        new("mul broadcast column", t => t[0] * t[1], [[3, 4], [3, 1]], Domain.Real) { F32 = t => t[0] * t[1] },
        new("mul by itself", t => t[0] * t[0], [[3, 4]], Domain.Real) { F32 = t => t[0] * t[0] },
        new("div", t => t[0] / t[1], [[3, 4], [3, 4]], Domain.AwayFromZero) { F32 = t => t[0] / t[1] },
        new("div broadcast denominator", t => t[0] / t[1], [[3, 4], [4]], Domain.Real)
        {
            InputDomains = [Domain.Real, Domain.AwayFromZero],
            F32 = t => t[0] / t[1],
        },
        new("div broadcast numerator", t => t[0] / t[1], [[4], [3, 4]], Domain.Real)
        {
            InputDomains = [Domain.Real, Domain.AwayFromZero],
            F32 = t => t[0] / t[1],
        },
        new("div constant by tensor", t => 2.0 / t[0], [[3, 4]], Domain.AwayFromZero) { F32 = t => 2f / t[0] },
        new("div by itself", t => t[0] / t[0], [[3, 4]], Domain.AwayFromZero) { F32 = t => t[0] / t[0] },

        // Powers and elementwise functions.
        new("pow 2", t => t[0].Pow(2.0), [[3, 4]], Domain.Real) { F32 = t => t[0].Pow(2f) },
        new("pow 3 negative base", t => t[0].Pow(3.0), [[3, 4]], Domain.Real) { F32 = t => t[0].Pow(3f) },
        new("pow 0.5", t => t[0].Pow(0.5), [[3, 4]], Domain.Positive) { F32 = t => t[0].Pow(0.5f) },
        new("pow -1.5", t => t[0].Pow(-1.5), [[3, 4]], Domain.Positive) { F32 = t => t[0].Pow(-1.5f) },
        new("pow 0", t => t[0].Pow(0.0), [[3, 4]], Domain.Real) { F32 = t => t[0].Pow(0f) },
        new("pow tensor", t => t[0].Pow(t[1]), [[3, 4], [3, 4]], Domain.Real)
        {
            InputDomains = [Domain.Positive, Domain.Real],
            F32 = t => t[0].Pow(t[1]),
        },
        new("pow tensor broadcast exponent", t => t[0].Pow(t[1]), [[3, 4], [4]], Domain.Real)
        {
            InputDomains = [Domain.Positive, Domain.Real],
            F32 = t => t[0].Pow(t[1]),
        },
        new("pow tensor broadcast base", t => t[0].Pow(t[1]), [[3, 1], [3, 4]], Domain.Real)
        {
            InputDomains = [Domain.Positive, Domain.Real],
            F32 = t => t[0].Pow(t[1]),
        },
        new("exp", t => t[0].Exp(), [[3, 4]], Domain.Real) { F32 = t => t[0].Exp() },
        new("log", t => t[0].Log(), [[3, 4]], Domain.Positive) { F32 = t => t[0].Log() },
        new("sqrt", t => t[0].Sqrt(), [[3, 4]], Domain.Positive) { F32 = t => t[0].Sqrt() },
        new("abs", t => t[0].Abs(), [[3, 4]], Domain.AwayFromZero) { F32 = t => t[0].Abs() },
        new("log-sum-exp by hand", t => t[0].Exp().Sum(1).Log(), [[3, 4]], Domain.Real)
        {
            F32 = t => t[0].Exp().Sum(1).Log(),
        },

        // Piecewise ops: the domains keep samples off the kinks by far more than the step.
        new("clamp both bounds", t => t[0].Clamp(-0.5, 0.5), [[4, 5]], Domain.Real)
        {
            F32 = t => t[0].Clamp(-0.5f, 0.5f),
        },
        new("clamp min only", t => t[0].Clamp(min: 0.3), [[4, 5]], Domain.Real) { F32 = t => t[0].Clamp(min: 0.3f) },
        new("clamp max only", t => t[0].Clamp(max: -0.3), [[4, 5]], Domain.Real) { F32 = t => t[0].Clamp(max: -0.3f) },
        new("maximum", t => t[0].Maximum(t[1]), [[3, 4], [3, 4]], Domain.Real) { F32 = t => t[0].Maximum(t[1]) },
        new("maximum broadcast row", t => t[0].Maximum(t[1]), [[3, 4], [4]], Domain.Real)
        {
            F32 = t => t[0].Maximum(t[1]),
        },
        new("maximum constant", t => t[0].Maximum(0.3), [[3, 4]], Domain.Real) { F32 = t => t[0].Maximum(0.3f) },
        new("minimum", t => t[0].Minimum(t[1]), [[3, 4], [3, 4]], Domain.Real) { F32 = t => t[0].Minimum(t[1]) },
        new("minimum broadcast column", t => t[0].Minimum(t[1]), [[3, 4], [3, 1]], Domain.Real)
        {
            F32 = t => t[0].Minimum(t[1]),
        },
        new("minimum constant", t => t[0].Minimum(-0.3), [[3, 4]], Domain.Real) { F32 = t => t[0].Minimum(-0.3f) },

        // Reductions.
        new("sum all", t => t[0].Sum(), [[3, 4]], Domain.Real) { F32 = t => t[0].Sum() },
        new("sum axis 1 keepDims", t => t[0].Sum(1, keepDims: true), [[3, 4]], Domain.Real)
        {
            F32 = t => t[0].Sum(1, keepDims: true),
        },
        new("mean all", t => t[0].Mean(), [[3, 4]], Domain.Real) { F32 = t => t[0].Mean() },
        new("mean axis 0", t => t[0].Mean(0), [[3, 4]], Domain.Real) { F32 = t => t[0].Mean(0) },
        new("mean middle axis", t => t[0].Mean(1), [[2, 3, 4]], Domain.Real) { F32 = t => t[0].Mean(1) },
        new("max all", t => t[0].Max(), [[3, 4]], Domain.Real) { F32 = t => t[0].Max() },
        new("min all", t => t[0].Min(), [[3, 4]], Domain.Real) { F32 = t => t[0].Min() },
        new("max last axis", t => t[0].Max(-1), [[3, 4]], Domain.Real) { F32 = t => t[0].Max(-1) },
        new("max axis 0 keepDims", t => t[0].Max(0, keepDims: true), [[3, 4]], Domain.Real)
        {
            F32 = t => t[0].Max(0, keepDims: true),
        },
        new("min middle axis", t => t[0].Min(1), [[2, 3, 4]], Domain.Real) { F32 = t => t[0].Min(1) },

        // Matrix products.
        new("matmul", t => t[0].MatMul(t[1]), [[3, 4], [4, 2]], Domain.Real) { F32 = t => t[0].MatMul(t[1]) },
        new("matmul batched broadcast", t => t[0].MatMul(t[1]), [[2, 3, 4], [4, 2]], Domain.Real)
        {
            F32 = t => t[0].MatMul(t[1]),
        },
        new("matmul plus bias", t => t[0].MatMul(t[1]) + t[2], [[3, 4], [4, 2], [2]], Domain.Real)
        {
            F32 = t => t[0].MatMul(t[1]) + t[2],
        },

        // Shape ops.
        new("reshape with -1", t => t[0].Reshape(3, -1) * t[1], [[2, 6], [3, 4]], Domain.Real)
        {
            F32 = t => t[0].Reshape(3, -1) * t[1],
        },
        new("transpose", t => t[0].Transpose(), [[3, 4]], Domain.Real) { F32 = t => t[0].Transpose() },
        new("transpose batched", t => t[0].Transpose(), [[2, 3, 4]], Domain.Real) { F32 = t => t[0].Transpose() },
        new("transpose outer axes", t => t[0].Transpose(0, 2), [[2, 3, 4]], Domain.Real)
        {
            F32 = t => t[0].Transpose(0, 2),
        },
        new("transpose then matmul", t => t[0].Transpose().MatMul(t[1]), [[4, 3], [4, 2]], Domain.Real)
        {
            F32 = t => t[0].Transpose().MatMul(t[1]),
        },
        new("rows", t => t[0].Rows(1, 3), [[5, 3]], Domain.Real) { F32 = t => t[0].Rows(1, 3) },
        new("rows of rows overlap", t => t[0].Rows(0, 3) * t[0].Rows(2, 3), [[5, 3]], Domain.Real)
        {
            F32 = t => t[0].Rows(0, 3) * t[0].Rows(2, 3),
        },
        new("slice axis 1", t => t[0].Slice(1, 1, 3), [[3, 5]], Domain.Real) { F32 = t => t[0].Slice(1, 1, 3) },
        new("concat axis 0", t => Tensor.Concat([t[0], t[1]]), [[2, 3], [4, 3]], Domain.Real)
        {
            F32 = t => Tensor.Concat([t[0], t[1]]),
        },
        new("concat axis 1 of three", t => Tensor.Concat([t[0], t[1], t[2]], axis: 1), [[2, 3], [2, 1], [2, 2]],
            Domain.Real)
        {
            F32 = t => Tensor.Concat([t[0], t[1], t[2]], axis: 1),
        },
        new("concat a tensor with itself", t => Tensor.Concat([t[0], t[0]], axis: -1), [[2, 3]], Domain.Real)
        {
            F32 = t => Tensor.Concat([t[0], t[0]], axis: -1),
        },
        new("gather with repeats", t => t[0].Gather(_picks), [[5, 3]], Domain.Real) { F32 = t => t[0].Gather(_picks) },
        new("where mask broadcast", t => Tensor.Where(MaskOf<double>(), t[0], t[1]), [[3, 4], [4]], Domain.Real)
        {
            F32 = t => Tensor.Where(MaskOf<float>(), t[0], t[1]),
        },
        new("where bool array", t => Tensor.Where(_checkerboard, t[0], t[1]), [[3, 4], [3, 1]], Domain.Real)
        {
            F32 = t => Tensor.Where(_checkerboard, t[0], t[1]),
        },

        // Large rows: the random-direction check.
        new("large matmul plus bias", t => t[0].MatMul(t[1]) + t[2], [[64, 32], [32, 16], [16]], Domain.Real)
        {
            F32 = t => t[0].MatMul(t[1]) + t[2],
        },
        new("large div broadcast", t => t[0] / t[1], [[64, 16], [16]], Domain.Real)
        {
            InputDomains = [Domain.Real, Domain.AwayFromZero],
            F32 = t => t[0] / t[1],
        },
        new("large pow tensor", t => t[0].Pow(t[1]), [[32, 20], [32, 20]], Domain.Real)
        {
            InputDomains = [Domain.Positive, Domain.Real],
            F32 = t => t[0].Pow(t[1]),
        },
        new("large exp log sqrt chain", t => (t[0].Exp() + t[0].Sqrt()).Log(), [[40, 20]], Domain.Positive)
        {
            F32 = t => (t[0].Exp() + t[0].Sqrt()).Log(),
        },
        new("large maximum and clamp", t => t[0].Maximum(t[1]).Clamp(-1.0, 1.0), [[40, 20], [20]], Domain.Real)
        {
            F32 = t => t[0].Maximum(t[1]).Clamp(-1f, 1f),
        },
        new("large max axis", t => t[0].Max(0) + t[0].Min(1).Sum(), [[50, 20]], Domain.Real)
        {
            F32 = t => t[0].Max(0) + t[0].Min(1).Sum(),
        },
        new("large transpose gather concat", t => Tensor.Concat([t[0].Transpose(), t[0].Transpose().Gather(_picks)]),
            [[30, 25]], Domain.Real)
        {
            F32 = t => Tensor.Concat([t[0].Transpose(), t[0].Transpose().Gather(_picks)]),
        },
    ];

    /// <summary>The row names, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> Names => OpCaseChecks.Names(Cases);

    private static Tensor<T> MaskOf<T>()
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var values = _columnMask.Select(T.CreateChecked).ToArray();
        return Tensor.FromArray(values, 3, 1);
    }
}
