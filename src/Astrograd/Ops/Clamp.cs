using System.Numerics.Tensors;
using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// Elementwise clamp: out = min(max(x, min), max); a missing bound is no bound. NaN stays NaN.
    /// </summary>
    /// <param name="min">The lower bound, or null for none.</param>
    /// <param name="max">The upper bound, or null for none.</param>
    /// <remarks>
    /// ∂out/∂x = 1 strictly inside (min &lt; x &lt; max) and 0 elsewhere, including exactly at a bound: so
    /// <c>Clamp(min: 0)</c> at x = 0 has gradient 0, the same as relu′(0) = 0 and <c>Maximum(x, 0)</c>.
    /// </remarks>
    public Tensor<T> Clamp(T? min = null, T? max = null)
    {
        if (min is { } lo && T.IsNaN(lo) || max is { } hi && T.IsNaN(hi))
        {
            throw new ArgumentException(
                FormattableString.Invariant($"Clamp: the bounds must not be NaN, got min {min}, max {max}."),
                min is { } l && T.IsNaN(l) ? nameof(min) : nameof(max));
        }

        if (min is { } a && max is { } b && a > b)
        {
            throw new ArgumentException(FormattableString.Invariant($"Clamp: min {a} is above max {b}; swap them."),
                nameof(min));
        }

        var result = new Tensor<T>(Shape, Span.ToArray());
        if (min is { } low)
        {
            TensorPrimitives.Max(result.Span, low, result.Span);
        }

        if (max is { } high)
        {
            TensorPrimitives.Min(result.Span, high, result.Span);
        }

        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        var lower = min ?? T.NegativeInfinity;
        var upper = max ?? T.PositiveInfinity;
        return result.Record("clamp", g => MaskKernels.AddWhereInside(x.Span, lower, upper, g, x.GradSpan()), x);
    }
}
