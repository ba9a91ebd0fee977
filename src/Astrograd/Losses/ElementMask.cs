using System.Numerics;

namespace Astrograd.Losses;

/// <summary>
/// The optional per-element 0/1 mask of the error-aware losses (a missing measurement is left out of one
/// output only), and the divisor of their mean.
/// </summary>
internal static class ElementMask
{
    public static void Check<T>(string op, Tensor<T>? mask, Shape target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (mask is not null && mask.Shape != target)
        {
            throw new ArgumentException($"{op}: mask {mask.Shape} must have the target's shape {target}.");
        }
    }

    // A batch whose every element is masked contributes nothing (0, not 0/0).
    public static T Scale<T>(Reduction reduction, T counted)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        reduction == Reduction.Sum ? T.One : counted > T.Zero ? T.One / counted : T.Zero;
}
