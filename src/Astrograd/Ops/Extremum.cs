using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>Elementwise maximum with broadcasting: out = max(this, other) (NaN if either is NaN).</summary>
    /// <remarks>
    /// The gradient goes to <c>this</c> where it is strictly greater, and to <paramref name="other"/>
    /// everywhere else — at a tie, and where a NaN makes the pair unordered. So <c>x.Maximum(zeros)</c> at
    /// x = 0 gives x the gradient 0, as relu′(0) = 0 and <see cref="Clamp"/> do. Gradients are summed back to
    /// each operand's shape.
    /// </remarks>
    public Tensor<T> Maximum(Tensor<T> other) =>
        Extremum<MaximumKernel<T>>("Maximum", "maximum", other, minimum: false);

    /// <summary>Elementwise minimum with broadcasting: out = min(this, other) (NaN if either is NaN).</summary>
    /// <remarks>
    /// The gradient goes to <c>this</c> where it is strictly smaller, and to <paramref name="other"/>
    /// everywhere else (ties, unordered pairs); see <see cref="Maximum(Tensor{T})"/>.
    /// </remarks>
    public Tensor<T> Minimum(Tensor<T> other) =>
        Extremum<MinimumKernel<T>>("Minimum", "minimum", other, minimum: true);

    /// <summary>max(x, c) for a constant c: <c>Clamp(min: c)</c>, with gradient 0 at x = c.</summary>
    public Tensor<T> Maximum(T value) => Clamp(min: value);

    /// <summary>min(x, c) for a constant c: <c>Clamp(max: c)</c>, with gradient 0 at x = c.</summary>
    public Tensor<T> Minimum(T value) => Clamp(max: value);

    private Tensor<T> Extremum<TKernel>(string op, string node, Tensor<T> other, bool minimum)
        where TKernel : IBinaryKernel<T>
    {
        var result = Elementwise.Binary<T, TKernel>(op, this, other);
        if (!NeedsGrad(this, other))
        {
            return result;
        }

        var a = this;
        var shape = result.Shape;
        return result.Record(node, g =>
        {
            var x = BroadcastGrad.Expand(a, shape);
            var y = BroadcastGrad.Expand(other, shape);

            // "this wins" is x > y for the maximum and y > x for the minimum.
            var first = minimum ? y : x;
            var second = minimum ? x : y;
            if (a.RequiresGrad)
            {
                var dst = BroadcastGrad.Target(a, shape, out var scratch);
                MaskKernels.AddWhereGreater(first, second, g, dst, whenGreater: true);
                BroadcastGrad.Finish(a, scratch, shape);
            }

            if (other.RequiresGrad)
            {
                var dst = BroadcastGrad.Target(other, shape, out var scratch);
                MaskKernels.AddWhereGreater(first, second, g, dst, whenGreater: false);
                BroadcastGrad.Finish(other, scratch, shape);
            }
        }, a, other);
    }
}
