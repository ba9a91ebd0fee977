namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// The same elements, in the same row-major order, under new dimensions; one dimension may be −1 and is
    /// then inferred. The result shares this tensor's storage (a view, as in numpy).
    /// </summary>
    /// <remarks>∂out/∂x is the identity: the gradient is reshaped back.</remarks>
    public Tensor<T> Reshape(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var target = ResolveShape(shape);

        var result = new Tensor<T>(target, _data, _offset);
        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record("reshape", g =>
        {
            var dst = x.GradSpan();
            System.Numerics.Tensors.TensorPrimitives.Add(dst, g, dst);
        }, x);
    }

    private Shape ResolveShape(int[] shape)
    {
        var dims = (int[])shape.Clone();
        var inferred = -1;
        long known = 1;
        for (var i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1)
            {
                if (inferred >= 0)
                {
                    throw new ArgumentException(
                        $"Reshape: only one dimension may be -1, got [{string.Join(", ", shape)}] for {Shape}.",
                        nameof(shape));
                }

                inferred = i;
            }
            else if (dims[i] < 0)
            {
                throw new ArgumentException(
                    $"Reshape: dimensions must be >= 0 or -1, got [{string.Join(", ", shape)}] for {Shape}.",
                    nameof(shape));
            }
            else
            {
                known *= dims[i];
            }
        }

        if (inferred >= 0)
        {
            if (known == 0 || Size % known != 0)
            {
                throw new ArgumentException(
                    $"Reshape: cannot reshape {Shape} ({Size} elements) to [{string.Join(", ", shape)}]: " +
                    $"{Size} is not a multiple of {known}.", nameof(shape));
            }

            dims[inferred] = (int)(Size / known);
            known = Size;
        }

        if (known != Size)
        {
            throw new ArgumentException(
                $"Reshape: cannot reshape {Shape} ({Size} elements) to [{string.Join(", ", shape)}] " +
                $"({known} elements); the element counts must agree.", nameof(shape));
        }

        return new Shape(dims);
    }
}
