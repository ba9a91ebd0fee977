using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// Matrix product. 2-D: [m, k] · [k, n] → [m, n]. Higher ranks are batches of matrices: the last two
    /// dimensions multiply and the leading (batch) dimensions broadcast, as in numpy's matmul.
    /// </summary>
    /// <remarks>∂L/∂A = G · Bᵀ and ∂L/∂B = Aᵀ · G per batch, summed over broadcast batch
    /// dimensions.</remarks>
    public Tensor<T> MatMul(Tensor<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Rank < 2 || other.Rank < 2)
        {
            throw new ArgumentException(
                $"MatMul: both operands need rank >= 2, got {Shape} · {other.Shape}; reshape a vector to [1, n] " +
                    $"or [n, 1].");
        }

        int m = Shape[-2], k = Shape[-1], k2 = other.Shape[-2], n = other.Shape[-1];
        if (k != k2)
        {
            throw new ArgumentException($"MatMul: inner dimensions differ: {Shape} · {other.Shape}.");
        }

        var batchA = new Shape(Shape.Dims[..^2]);
        var batchB = new Shape(other.Shape.Dims[..^2]);
        var batch = Broadcast.Result("MatMul (batch dimensions)", batchA, batchB);
        var outDims = new int[batch.Rank + 2];
        batch.Dims.CopyTo(outDims);
        outDims[^2] = m;
        outDims[^1] = n;
        var result = new Tensor<T>(new Shape(outDims), new T[batch.Size * m * n]);

        var aIndex = BatchOffsets(batchA, batch);
        var bIndex = BatchOffsets(batchB, batch);
        var aSpan = Span;
        var bSpan = other.Span;
        var cSpan = result.Span;
        for (var i = 0; i < batch.Size; i++)
        {
            GemmDispatch.Multiply(false, false, m, n, k, aSpan.Slice(aIndex[i] * m * k, m * k),
                bSpan.Slice(bIndex[i] * k * n, k * n), cSpan.Slice(i * m * n, m * n), accumulate: false);
        }

        if (!NeedsGrad(this, other))
        {
            return result;
        }

        var a = this;
        return result.Record("matmul", g =>
        {
            for (var i = 0; i < aIndex.Length; i++)
            {
                var gi = g.Slice(i * m * n, m * n);
                if (a.RequiresGrad)
                {
                    GemmDispatch.Multiply(false, true, m, k, n, gi, other.Span.Slice(bIndex[i] * k * n, k * n),
                        a.GradSpan().Slice(aIndex[i] * m * k, m * k), accumulate: true);
                }

                if (other.RequiresGrad)
                {
                    GemmDispatch.Multiply(true, false, k, n, m, a.Span.Slice(aIndex[i] * m * k, m * k), gi,
                        other.GradSpan().Slice(bIndex[i] * k * n, k * n), accumulate: true);
                }
            }
        }, a, other);
    }

    // For each batch index of the broadcast batch shape, the matching batch index of one operand.
    private static int[] BatchOffsets(Shape operandBatch, Shape batch)
    {
        var offsets = new int[batch.Size];
        if (operandBatch.Size == batch.Size)
        {
            for (var i = 0; i < offsets.Length; i++)
            {
                offsets[i] = i;
            }

            return offsets;
        }

        var strides = Broadcast.Strides(operandBatch, batch);
        var index = new int[batch.Rank];
        for (var i = 0; i < offsets.Length; i++)
        {
            var o = 0;
            for (var axis = 0; axis < batch.Rank; axis++)
            {
                o += index[axis] * strides[axis];
            }

            offsets[i] = o;
            for (var axis = batch.Rank - 1; axis >= 0; axis--)
            {
                if (++index[axis] < batch.Dims[axis])
                {
                    break;
                }

                index[axis] = 0;
            }
        }

        return offsets;
    }
}
