using System.Numerics;
using System.Numerics.Tensors;

namespace Astrograd;

public static partial class Tensor
{
    /// <summary>
    /// Joins tensors along <paramref name="axis"/> (negative counts from the end): every other dimension must
    /// agree, and the result's <paramref name="axis"/> is the sum of theirs. A new contiguous copy.
    /// </summary>
    /// <remarks>∂out/∂tensors[k] is the matching block of the gradient.</remarks>
    public static Tensor<T> Concat<T>(IReadOnlyList<Tensor<T>> tensors, int axis = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException("Concat: needs at least one tensor, got none.", nameof(tensors));
        }

        var head = tensors[0] ?? throw new ArgumentNullException(nameof(tensors), "Concat: tensor 0 is null.");
        if (head.Rank == 0)
        {
            throw new ArgumentException("Concat: scalars have no axis to join along; reshape them to [1] first.",
                nameof(tensors));
        }

        var a = head.Shape.NormalizeAxis(axis, "Concat");
        var dims = head.Shape.ToArray();
        var widths = new int[tensors.Count];
        var total = 0;
        for (var k = 0; k < tensors.Count; k++)
        {
            var t = tensors[k] ?? throw new ArgumentNullException(nameof(tensors), $"Concat: tensor {k} is null.");
            if (!AgreesExceptAxis(t.Shape, head.Shape, a))
            {
                throw new ArgumentException(
                    $"Concat: tensor {k} has shape {t.Shape}, tensor 0 has {head.Shape}; along axis {a} they are " +
                    "joined, every other dimension (and the rank) must match.", nameof(tensors));
            }

            widths[k] = t.Shape.Dims[a];
            total += widths[k];
        }

        int outer = 1, inner = 1;
        for (var i = 0; i < a; i++)
        {
            outer *= dims[i];
        }

        for (var i = a + 1; i < dims.Length; i++)
        {
            inner *= dims[i];
        }

        dims[a] = total;
        var result = new Tensor<T>(new Shape(dims), new T[outer * total * inner]);
        var dst = result.Span;
        var at = 0;
        for (var k = 0; k < tensors.Count; k++)
        {
            var block = widths[k] * inner;
            var src = tensors[k].Span;
            for (var o = 0; o < outer; o++)
            {
                src.Slice(o * block, block).CopyTo(dst.Slice((o * total * inner) + at, block));
            }

            at += block;
        }

        var parents = tensors.ToArray();
        if (!Tensor<T>.NeedsGrad(parents))
        {
            return result;
        }

        return result.Record("concat", g =>
        {
            var offset = 0;
            for (var k = 0; k < parents.Length; k++)
            {
                var block = widths[k] * inner;
                if (parents[k].RequiresGrad)
                {
                    var grad = parents[k].GradSpan();
                    for (var o = 0; o < outer; o++)
                    {
                        var target = grad.Slice(o * block, block);
                        TensorPrimitives.Add(target, g.Slice((o * total * inner) + offset, block), target);
                    }
                }

                offset += block;
            }
        }, parents);
    }

    private static bool AgreesExceptAxis(Shape s, Shape reference, int axis)
    {
        if (s.Rank != reference.Rank)
        {
            return false;
        }

        for (var i = 0; i < s.Rank; i++)
        {
            if (i != axis && s.Dims[i] != reference.Dims[i])
            {
                return false;
            }
        }

        return true;
    }
}
