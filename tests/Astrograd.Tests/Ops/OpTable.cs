namespace Astrograd.Tests.Ops;

/// <summary>
/// The gradient-check table of the core (non-activation) ops: every differentiable op, with broadcasting
/// variants and the input domain each needs. Activations have their own table (ActivationTable).
/// </summary>
public static class OpTable
{
    /// <summary>The rows.</summary>
    public static IReadOnlyList<OpCase> Cases { get; } =
    [
        new("add", t => t[0] + t[1], [[3, 4], [3, 4]], Domain.Real) { F32 = t => t[0] + t[1] },
        new("add broadcast row", t => t[0] + t[1], [[3, 4], [4]], Domain.Real) { F32 = t => t[0] + t[1] },
        new("mul", t => t[0] * t[1], [[3, 4], [3, 4]], Domain.Real) { F32 = t => t[0] * t[1] },
        new("mul broadcast column", t => t[0] * t[1], [[3, 4], [3, 1]], Domain.Real) { F32 = t => t[0] * t[1] },
        new("matmul", t => t[0].MatMul(t[1]), [[3, 4], [4, 2]], Domain.Real) { F32 = t => t[0].MatMul(t[1]) },
        new("sum all", t => t[0].Sum(), [[3, 4]], Domain.Real) { F32 = t => t[0].Sum() },
        new("mean axis 0", t => t[0].Mean(0), [[3, 4]], Domain.Real) { F32 = t => t[0].Mean(0) },
    ];

    /// <summary>The row names, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> Names => OpCaseChecks.Names(Cases);
}
