using System.Globalization;
using System.Numerics;

namespace Astrograd;

/// <summary>
/// Creation of tensors. The overloads without a type argument make float32 tensors, the training default;
/// the generic ones make float or double.
/// </summary>
public static partial class Tensor
{
    /// <summary>A float32 tensor of zeros.</summary>
    public static Tensor<float> Zeros(params int[] shape) => Zeros<float>(shape);

    /// <summary>A tensor of zeros.</summary>
    public static Tensor<T> Zeros<T>(params int[] shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = new Shape(shape);
        return new Tensor<T>(s, new T[s.Size]);
    }

    /// <summary>A float32 tensor of ones.</summary>
    public static Tensor<float> Ones(params int[] shape) => Full<float>(1f, shape);

    /// <summary>A tensor of ones.</summary>
    public static Tensor<T> Ones<T>(params int[] shape)
        where T : unmanaged, IFloatingPointIeee754<T> => Full(T.One, shape);

    /// <summary>A float32 tensor with every element equal to <paramref name="value"/>.</summary>
    public static Tensor<float> Full(float value, params int[] shape) => Full<float>(value, shape);

    /// <summary>A tensor with every element equal to <paramref name="value"/>.</summary>
    public static Tensor<T> Full<T>(T value, params int[] shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = new Shape(shape);
        var data = new T[s.Size];
        Array.Fill(data, value);
        return new Tensor<T>(s, data);
    }

    /// <summary>A scalar (rank-0) tensor.</summary>
    public static Tensor<T> Scalar<T>(T value)
        where T : unmanaged, IFloatingPointIeee754<T> => new(Shape.Scalar, [value]);

    /// <summary>A float32 scalar (rank-0) tensor.</summary>
    public static Tensor<float> Scalar(float value) => Scalar<float>(value);

    /// <summary>
    /// A tensor holding a copy of <paramref name="values"/> in row-major order, of <paramref name="shape"/>
    /// (a vector of the values' length when no shape is given).
    /// </summary>
    public static Tensor<T> FromArray<T>(T[] values, params int[] shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(values);
        var s = shape.Length == 0 ? new Shape(values.Length) : new Shape(shape);
        if (s.Size != values.Length)
        {
            throw new ArgumentException(
                $"FromArray: shape {s} needs {s.Size} values, got {values.Length}.", nameof(values));
        }

        return new Tensor<T>(s, (T[])values.Clone());
    }

    /// <summary>A tensor from a rectangular 2-D array, rows first.</summary>
    public static Tensor<T> FromArray<T>(T[,] values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var data = new T[rows * cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                data[(i * cols) + j] = values[i, j];
            }
        }

        return new Tensor<T>(new Shape(rows, cols), data);
    }

    /// <summary>The vector start, start + step, … up to but excluding <paramref name="stop"/>.</summary>
    public static Tensor<T> Arange<T>(double start, double stop, double step = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (step == 0 || !double.IsFinite(step) || !double.IsFinite(start) || !double.IsFinite(stop))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Arange: start, stop and step must be finite and step non-zero; got start {start}, stop {stop}, " +
                $"step {step}."), nameof(step));
        }

        var count = Math.Max(0, (long)Math.Ceiling((stop - start) / step));
        if (count > Array.MaxLength)
        {
            throw new ArgumentException($"Arange: {count} elements is too many.", nameof(stop));
        }

        var data = new T[count];
        for (var i = 0; i < count; i++)
        {
            data[i] = T.CreateChecked(start + (i * step));
        }

        return new Tensor<T>(new Shape((int)count), data);
    }

    /// <summary>Draws from the normal distribution N(<paramref name="mean"/>, <paramref name="std"/>²).</summary>
    public static Tensor<T> RandomNormal<T>(Rng rng, int[] shape, double mean = 0, double std = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(std >= 0) || !double.IsFinite(std) || !double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(std),
                FormattableString.Invariant($"RandomNormal: needs finite mean and std >= 0, got {mean}, {std}."));
        }

        var s = new Shape(shape);
        var data = new T[s.Size];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = T.CreateChecked(mean + (std * rng.NextNormal()));
        }

        return new Tensor<T>(s, data);
    }

    /// <summary>Draws uniformly from [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static Tensor<T> RandomUniform<T>(Rng rng, int[] shape, double low = 0, double high = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(high >= low) || !double.IsFinite(low) || !double.IsFinite(high))
        {
            throw new ArgumentOutOfRangeException(nameof(high),
                FormattableString.Invariant($"RandomUniform: needs finite low <= high, got {low}, {high}."));
        }

        var s = new Shape(shape);
        var data = new T[s.Size];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = T.CreateChecked(rng.NextUniform(low, high));
        }

        return new Tensor<T>(s, data);
    }
}
