using System.Numerics.Tensors;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// The rows at <paramref name="indices"/> along axis 0, in that order and with repeats allowed:
    /// out[i, …] = x[indices[i], …], of shape [indices.Length, …]. A copy (the indices are copied too).
    /// </summary>
    /// <remarks>∂out/∂x scatters each output row's gradient back to its source row; repeated rows add up.</remarks>
    public Tensor<T> Gather(params int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (Rank == 0)
        {
            throw new ArgumentException($"Gather: needs rank >= 1 to pick rows, got shape {Shape}.", nameof(indices));
        }

        var rows = Shape.Dims[0];
        var picks = (int[])indices.Clone();
        for (var i = 0; i < picks.Length; i++)
        {
            if ((uint)picks[i] >= (uint)rows)
            {
                throw new ArgumentOutOfRangeException(nameof(indices),
                    $"Gather: index {picks[i]} at position {i} is out of range for {rows} rows (shape {Shape}); " +
                    $"indices must be in [0, {rows - 1}].");
            }
        }

        var dims = Shape.ToArray();
        dims[0] = picks.Length;
        var width = rows == 0 ? 0 : Size / rows;
        var result = new Tensor<T>(new Shape(dims), new T[picks.Length * width]);
        var src = Span;
        for (var i = 0; i < picks.Length; i++)
        {
            src.Slice(picks[i] * width, width).CopyTo(result.Span.Slice(i * width, width));
        }

        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record("gather", g =>
        {
            var dst = x.GradSpan();
            for (var i = 0; i < picks.Length; i++)
            {
                var target = dst.Slice(picks[i] * width, width);
                TensorPrimitives.Add(target, g.Slice(i * width, width), target);
            }
        }, x);
    }
}
