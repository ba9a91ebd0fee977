using System.Numerics.Tensors;
using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>The sum of all elements, as a scalar tensor.</summary>
    /// <remarks>∂out/∂x = 1 for every element.</remarks>
    public Tensor<T> Sum() => ReduceAll("sum", T.One);

    /// <summary>The mean of all elements, as a scalar tensor (NaN for an empty tensor).</summary>
    /// <remarks>∂out/∂x = 1/n for every element.</remarks>
    public Tensor<T> Mean() => ReduceAll("mean", T.One / T.CreateChecked(Size));

    /// <summary>The sum along <paramref name="axis"/> (negative counts from the end).</summary>
    /// <param name="axis">The axis to remove (or keep with size 1).</param>
    /// <param name="keepDims">Keep the reduced axis with size 1, so the result broadcasts against the input.</param>
    public Tensor<T> Sum(int axis, bool keepDims = false) => ReduceAxis("sum", axis, keepDims, mean: false);

    /// <summary>The mean along <paramref name="axis"/>; see <see cref="Sum(int, bool)"/>.</summary>
    public Tensor<T> Mean(int axis, bool keepDims = false) => ReduceAxis("mean", axis, keepDims, mean: true);

    private Tensor<T> ReduceAll(string op, T scale)
    {
        var value = TensorPrimitives.Sum<T>(Span) * scale;
        var result = new Tensor<T>(Shape.Scalar, [value]);
        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record(op, g =>
        {
            var dst = x.GradSpan();
            TensorPrimitives.Add(dst, g[0] * scale, dst);
        }, x);
    }

    private Tensor<T> ReduceAxis(string op, int axis, bool keepDims, bool mean)
    {
        var a = Shape.NormalizeAxis(axis, op == "sum" ? "Sum" : "Mean");
        var dims = Shape.Dims;
        int outer = 1, inner = 1, n = dims[a];
        for (var i = 0; i < a; i++)
        {
            outer *= dims[i];
        }

        for (var i = a + 1; i < dims.Length; i++)
        {
            inner *= dims[i];
        }

        var outDims = new List<int>(dims.ToArray());
        if (keepDims)
        {
            outDims[a] = 1;
        }
        else
        {
            outDims.RemoveAt(a);
        }

        var result = new Tensor<T>(new Shape(outDims.ToArray()), new T[outer * inner]);
        Reductions.SumAxis<T>(Span, outer, n, inner, result.Span);
        var scale = mean ? T.One / T.CreateChecked(n) : T.One;
        if (mean)
        {
            TensorPrimitives.Multiply(result.Span, scale, result.Span);
        }

        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record(op, g => Reductions.SpreadAddAxis(g, outer, n, inner, scale, x.GradSpan()), x);
    }
}
