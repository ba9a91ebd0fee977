namespace Astrograd.Tests.Ops;

/// <summary>
/// The gradient-check table of the activations: every activation and parameter choice over its own domain
/// (relu-like ones away from the kink at 0, softplus on each side of its threshold), and softmax, log-softmax
/// and log-sum-exp along the last, the first and a middle axis.
/// </summary>
public static class ActivationTable
{
    private static Domain Wide { get; } = new("wide", -5, 5);
    private static Domain WideAwayFromZero { get; } = new("wide, away from zero", -4, 4, 0.1);

    /// <summary>The rows.</summary>
    public static IReadOnlyList<OpCase> Cases { get; } =
    [
        new("identity", t => t[0].Identity(), [[3, 4]], Domain.Real) { F32 = t => t[0].Identity() },
        new("sigmoid", t => t[0].Sigmoid(), [[3, 4]], Wide) { F32 = t => t[0].Sigmoid() },
        new("sigmoid saturated", t => t[0].Sigmoid(), [[6]], new Domain("large", -30, 30, 15))
        {
            F32 = t => t[0].Sigmoid(),
        },
        new("tanh", t => t[0].Tanh(), [[3, 4]], Wide) { F32 = t => t[0].Tanh() },
        new("relu", t => t[0].Relu(), [[3, 4]], WideAwayFromZero) { F32 = t => t[0].Relu() },
        new("leaky relu default slope", t => t[0].LeakyRelu(), [[3, 4]], WideAwayFromZero)
        {
            F32 = t => t[0].LeakyRelu(),
        },
        new("leaky relu slope 0.2", t => t[0].LeakyRelu(0.2), [[3, 4]], WideAwayFromZero)
        {
            F32 = t => t[0].LeakyRelu(0.2),
        },
        new("leaky relu negative slope -0.5", t => t[0].LeakyRelu(-0.5), [[3, 4]], WideAwayFromZero)
        {
            F32 = t => t[0].LeakyRelu(-0.5),
        },
        new("elu", t => t[0].Elu(), [[3, 4]], WideAwayFromZero) { F32 = t => t[0].Elu() },
        new("elu alpha 0.5", t => t[0].Elu(0.5), [[3, 4]], WideAwayFromZero) { F32 = t => t[0].Elu(0.5) },
        new("softplus", t => t[0].Softplus(), [[3, 4]], new Domain("softplus", -8, 8))
        {
            F32 = t => t[0].Softplus(),
        },
        new("softplus above threshold", t => t[0].Softplus(), [[5]], new Domain("above 20", 20.5, 30))
        {
            F32 = t => t[0].Softplus(),
        },
        new("softplus beta 3 threshold 1 below", t => t[0].Softplus(3, 1), [[3, 4]], new Domain("βx < 0.9", -2, 0.3))
        {
            F32 = t => t[0].Softplus(3, 1),
        },
        new("softplus beta 3 threshold 1 above", t => t[0].Softplus(3, 1), [[5]], new Domain("βx > 1.2", 0.4, 2))
        {
            F32 = t => t[0].Softplus(3, 1),
        },
        new("gelu", t => t[0].Gelu(), [[3, 4]], Wide) { F32 = t => t[0].Gelu() },
        new("gelu tails", t => t[0].Gelu(), [[6]], new Domain("tails", -9, 9, 3)) { F32 = t => t[0].Gelu() },
        new("gelu tanh", t => t[0].Gelu(GeluApproximation.Tanh), [[3, 4]], Wide)
        {
            F32 = t => t[0].Gelu(GeluApproximation.Tanh),
        },
        new("silu", t => t[0].Silu(), [[3, 4]], Wide) { F32 = t => t[0].Silu() },
        new("softmax rows", t => t[0].Softmax(), [[3, 5]], Wide) { F32 = t => t[0].Softmax() },
        new("softmax axis 0", t => t[0].Softmax(0), [[4, 3]], Wide) { F32 = t => t[0].Softmax(0) },
        new("softmax middle axis", t => t[0].Softmax(1), [[2, 3, 4]], Wide) { F32 = t => t[0].Softmax(1) },
        new("log softmax rows", t => t[0].LogSoftmax(), [[3, 5]], Wide) { F32 = t => t[0].LogSoftmax() },
        new("log softmax axis 0", t => t[0].LogSoftmax(0), [[4, 3]], Wide) { F32 = t => t[0].LogSoftmax(0) },
        new("log softmax middle axis", t => t[0].LogSoftmax(1), [[2, 3, 4]], Wide)
        {
            F32 = t => t[0].LogSoftmax(1),
        },
        new("logsumexp rows", t => t[0].LogSumExp(), [[3, 5]], Wide) { F32 = t => t[0].LogSumExp() },
        new("logsumexp axis 0 keepdims", t => t[0].LogSumExp(0, keepDims: true), [[4, 3]], Wide)
        {
            F32 = t => t[0].LogSumExp(0, keepDims: true),
        },
        new("logsumexp middle axis", t => t[0].LogSumExp(1), [[2, 3, 4]], Wide) { F32 = t => t[0].LogSumExp(1) },
        new("sigmoid of an affine map", t => (t[0].MatMul(t[1]) + t[2]).Sigmoid(), [[3, 4], [4, 2], [2]], Domain.Real)
        {
            F32 = t => (t[0].MatMul(t[1]) + t[2]).Sigmoid(),
        },
        new("softmax of tanh, large batch", t => t[0].Tanh().Softmax(), [[40, 16]], Wide)
        {
            F32 = t => t[0].Tanh().Softmax(),
        },
    ];

    /// <summary>The row names, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> Names => OpCaseChecks.Names(Cases);
}
