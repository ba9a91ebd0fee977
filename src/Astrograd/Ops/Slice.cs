using System.Numerics.Tensors;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// Rows <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 along axis 0,
    /// as a view sharing this tensor's storage (no copy): a mini-batch of a data table.
    /// </summary>
    /// <remarks>∂out/∂x is 1 on the selected rows and 0 elsewhere.</remarks>
    public Tensor<T> Rows(int start, int count) => Slice(0, start, count);

    /// <summary>
    /// Positions <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 along
    /// <paramref name="axis"/> (negative counts from the end). Axis 0 gives a view sharing storage, any other
    /// axis a contiguous copy.
    /// </summary>
    /// <remarks>∂out/∂x is 1 on the selected positions and 0 elsewhere.</remarks>
    public Tensor<T> Slice(int axis, int start, int count)
    {
        if (Rank == 0)
        {
            throw new ArgumentException("Slice: a scalar has no axis to slice; reshape it to [1] first.", nameof(axis));
        }

        var a = Shape.NormalizeAxis(axis, "Slice");
        var length = Shape.Dims[a];
        if (start < 0 || count < 0 || start > length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(start),
                $"Slice: [{start}, {start} + {count}) is outside axis {a} of shape {Shape} (length {length}); " +
                $"need 0 <= start and start + count <= {length}.");
        }

        var dims = Shape.ToArray();
        dims[a] = count;
        int outer = 1, inner = 1;
        for (var i = 0; i < a; i++)
        {
            outer *= dims[i];
        }

        for (var i = a + 1; i < dims.Length; i++)
        {
            inner *= dims[i];
        }

        Tensor<T> result;
        if (a == 0)
        {
            result = new Tensor<T>(new Shape(dims), _data, _offset + (start * inner));
        }
        else
        {
            result = new Tensor<T>(new Shape(dims), new T[outer * count * inner]);
            var src = Span;
            for (var o = 0; o < outer; o++)
            {
                src.Slice(((o * length) + start) * inner, count * inner).CopyTo(result.Span.Slice(o * count * inner));
            }
        }

        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record("slice", g =>
        {
            var dst = x.GradSpan();
            for (var o = 0; o < outer; o++)
            {
                var target = dst.Slice(((o * length) + start) * inner, count * inner);
                TensorPrimitives.Add(target, g.Slice(o * count * inner, count * inner), target);
            }
        }, x);
    }
}
