using System.Numerics;
using Astrograd.Kernels;

namespace Astrograd;

/// <summary>
/// The "strong zero" convention of the elementwise backward rules: where the incoming gradient is exactly 0,
/// the contribution is exactly 0, even where the local derivative is ±∞ or NaN (√′ and ln′ at 0, √′ of a
/// negative number, an overflowed exp, pow′ at a negative base). Without it a branch that
/// <see cref="Tensor.Where{T}(Tensor{T}, Tensor{T}, Tensor{T})"/> did not choose — or a position a zero
/// weight masks out — would still come back as 0·∞ = NaN. A NaN incoming gradient still propagates.
/// </summary>
internal static class StrongZero
{
    /// <summary>dst += (g ≠ 0) ? contribution : 0, where contribution = g · (local derivative).</summary>
    public static void Accumulate<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> contribution, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MaskKernels.AddWhereNonZero(g, contribution, dst, whenNonZero: true);
}
