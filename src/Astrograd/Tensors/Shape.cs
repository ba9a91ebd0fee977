using System.Text;

namespace Astrograd;

/// <summary>
/// The dimensions of a dense row-major tensor: <c>[2, 3]</c> is two rows of three. A scalar has rank 0
/// and size 1. Immutable; two shapes are equal when their dimensions are.
/// </summary>
public sealed class Shape : IEquatable<Shape>
{
    private readonly int[] _dims;

    /// <summary>Creates a shape; every dimension must be zero or positive.</summary>
    public Shape(params ReadOnlySpan<int> dims)
    {
        long size = 1;
        foreach (var d in dims)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Shape: dimensions must be >= 0, got " +
                    $"[{string.Join(", ", dims.ToArray())}].",
                    nameof(dims));
            }

            size *= d;
            if (size > Array.MaxLength)
            {
                throw new ArgumentException(
                    $"Shape: [{string.Join(", ", dims.ToArray())}] holds more than {Array.MaxLength} elements.",
                    nameof(dims));
            }
        }

        _dims = dims.ToArray();
        Size = (int)size;
    }

    /// <summary>The shape of a scalar: rank 0, one element.</summary>
    public static Shape Scalar { get; } = new();

    /// <summary>The number of dimensions.</summary>
    public int Rank => _dims.Length;

    /// <summary>The number of elements: the product of the dimensions (1 for a scalar).</summary>
    public int Size { get; }

    /// <summary>The dimensions, as a read-only view.</summary>
    public ReadOnlySpan<int> Dims => _dims;

    /// <summary>Dimension <paramref name="axis"/>; a negative axis counts from the end, as in numpy.</summary>
    public int this[int axis] => _dims[NormalizeAxis(axis, "Shape")];

    /// <summary>
    /// Turns a possibly negative axis into 0..Rank-1, or throws naming <paramref name="op"/>, the axis and the shape.
    /// </summary>
    public int NormalizeAxis(int axis, string op)
    {
        var a = axis < 0 ? axis + Rank : axis;
        if (a < 0 || a >= Rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis),
                $"{op}: axis {axis} is out of range for shape {this} (rank {Rank}).");
        }

        return a;
    }

    /// <summary>The row-major strides, in elements: the last dimension has stride 1.</summary>
    public int[] Strides()
    {
        var strides = new int[Rank];
        var s = 1;
        for (var i = Rank - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= _dims[i];
        }

        return strides;
    }

    /// <summary>A copy of the dimensions.</summary>
    public int[] ToArray() => (int[])_dims.Clone();

    /// <inheritdoc/>
    public bool Equals(Shape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Shape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in _dims)
        {
            h.Add(d);
        }

        return h.ToHashCode();
    }

    /// <summary>The shape as numpy and PyTorch print it: <c>[64, 8]</c>; a scalar is <c>[]</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < _dims.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(_dims[i]);
        }

        return sb.Append(']').ToString();
    }

    /// <summary>Equality of dimensions.</summary>
    public static bool operator ==(Shape? a, Shape? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Inequality of dimensions.</summary>
    public static bool operator !=(Shape? a, Shape? b) => !(a == b);
}
