using System.Numerics;
using Astrograd.Kernels;

namespace Astrograd;

public static partial class Tensor
{
    /// <summary>
    /// Elementwise choice with broadcasting over all three: out = condition ≠ 0 ? a : b (a NaN condition
    /// counts as true). The condition is data, not differentiated.
    /// </summary>
    /// <remarks>
    /// ∂out/∂a is 1 where the condition holds and exactly 0 elsewhere (a select, not a product), and the reverse
    /// for b: so the branch not taken never leaks an inf or NaN into the gradient. In
    /// <c>Where(x &gt; 0, x.Sqrt(), 0)</c> at x = −1 the gradient of x is 0, not NaN.
    /// </remarks>
    public static Tensor<T> Where<T>(Tensor<T> condition, Tensor<T> a, Tensor<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shape = Broadcast.Result("Where", Broadcast.Result("Where", condition.Shape, a.Shape), b.Shape);

        var mask = BroadcastGrad.Expand(condition, shape);
        var result = new Tensor<T>(shape, new T[shape.Size]);
        MaskKernels.Select(mask, BroadcastGrad.Expand(a, shape), BroadcastGrad.Expand(b, shape), result.Span);
        if (!Tensor<T>.NeedsGrad(a, b))
        {
            return result;
        }

        return result.Record("where", g =>
        {
            var m = BroadcastGrad.Expand(condition, shape);
            if (a.RequiresGrad)
            {
                var dst = BroadcastGrad.Target(a, shape, out var scratch);
                MaskKernels.AddWhereNonZero(m, g, dst, whenNonZero: true);
                BroadcastGrad.Finish(a, scratch, shape);
            }

            if (b.RequiresGrad)
            {
                var dst = BroadcastGrad.Target(b, shape, out var scratch);
                MaskKernels.AddWhereNonZero(m, g, dst, whenNonZero: false);
                BroadcastGrad.Finish(b, scratch, shape);
            }
        }, a, b);
    }

    /// <summary>
    /// <see cref="Where{T}(Tensor{T}, Tensor{T}, Tensor{T})"/> with a boolean condition holding one entry per
    /// element of the broadcast shape of <paramref name="a"/> and <paramref name="b"/>, in row-major order.
    /// </summary>
    public static Tensor<T> Where<T>(bool[] condition, Tensor<T> a, Tensor<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shape = Broadcast.Result("Where", a.Shape, b.Shape);
        if (condition.Length != shape.Size)
        {
            throw new ArgumentException(
                $"Where: the condition has {condition.Length} entries, the broadcast shape {shape} of a {a.Shape} " +
                $"and b {b.Shape} has {shape.Size} elements; give one per element.", nameof(condition));
        }

        var mask = new T[condition.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = condition[i] ? T.One : T.Zero;
        }

        return Where(new Tensor<T>(shape, mask), a, b);
    }
}
