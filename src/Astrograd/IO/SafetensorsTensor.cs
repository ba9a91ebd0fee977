using System.Globalization;

namespace Astrograd.IO;

/// <summary>
/// One named tensor of a safetensors file: its dtype, its shape (row-major, last dimension fastest) and its raw
/// little-endian bytes. Immutable: the factories copy their input.
/// </summary>
public sealed class SafetensorsTensor
{
    /// <summary>The header key that holds metadata; no tensor may take it.</summary>
    public const string MetadataKey = "__metadata__";

    private readonly byte[] _data;

    private SafetensorsTensor(string name, SafetensorsDType dtype, int[] shape, long elementCount, byte[] data)
    {
        Name = name;
        DType = dtype;
        Shape = Array.AsReadOnly(shape);
        ElementCount = elementCount;
        _data = data;
    }

    /// <summary>The tensor's name, unique within its file.</summary>
    public string Name { get; }

    /// <summary>The element type as stored in the file.</summary>
    public SafetensorsDType DType { get; }

    /// <summary>The dimensions, outermost first; empty for a scalar (one element).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The product of <see cref="Shape"/> (1 for a scalar, 0 when any dimension is 0).</summary>
    public long ElementCount { get; }

    /// <summary>The raw little-endian bytes, <see cref="ElementCount"/> × the dtype's size of them.</summary>
    public ReadOnlyMemory<byte> Data => _data;

    /// <summary>An F32 tensor holding a copy of <paramref name="data"/> (row-major, length = product of
    /// <paramref name="shape"/>).</summary>
    /// <exception cref="ArgumentException">An empty or reserved name, a negative dimension, or a data length that
    /// is not the product of the shape.</exception>
    public static SafetensorsTensor FromSingles(string name, ReadOnlySpan<int> shape, ReadOnlySpan<float> data)
    {
        var count = CheckShape(name, shape, data.Length);
        return new SafetensorsTensor(name, SafetensorsDType.F32, shape.ToArray(), count,
            SafetensorsElements.Encode(data));
    }

    /// <summary>An F64 tensor holding a copy of <paramref name="data"/> (row-major, length = product of
    /// <paramref name="shape"/>).</summary>
    /// <exception cref="ArgumentException">An empty or reserved name, a negative dimension, or a data length that
    /// is not the product of the shape.</exception>
    public static SafetensorsTensor FromDoubles(string name, ReadOnlySpan<int> shape, ReadOnlySpan<double> data)
    {
        var count = CheckShape(name, shape, data.Length);
        return new SafetensorsTensor(name, SafetensorsDType.F64, shape.ToArray(), count,
            SafetensorsElements.Encode(data));
    }

    /// <summary>A tensor of any dtype from a copy of its raw little-endian bytes (to re-save a BF16 tensor as it
    /// was read, for instance).</summary>
    /// <exception cref="ArgumentException">An empty or reserved name, a negative dimension, or a byte count other
    /// than product of the shape × the dtype's size.</exception>
    public static SafetensorsTensor FromRaw(string name, SafetensorsDType dtype, ReadOnlySpan<int> shape,
        ReadOnlySpan<byte> data)
    {
        var size = SafetensorsDTypes.Size(dtype);
        if (data.Length % size != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"SafetensorsTensor {SafetensorsText.Quote(name)}: {data.Length} bytes is not a whole number of " +
                    $"{SafetensorsDTypes.Name(dtype)} elements ({size} bytes each)."),
                nameof(data));
        }

        var count = CheckShape(name, shape, data.Length / size);
        return new SafetensorsTensor(name, dtype, shape.ToArray(), count, data.ToArray());
    }

    /// <summary>The elements as singles: F32 as stored, every other dtype converted (F64 and 64-bit integers
    /// rounded to nearest; BOOL as 0 or 1).</summary>
    public float[] ToSingleArray() => SafetensorsElements.ToSingles(DType, _data, (int)ElementCount);

    /// <summary>The elements as doubles: exact for every dtype except 64-bit integers beyond 2⁵³.</summary>
    public double[] ToDoubleArray() => SafetensorsElements.ToDoubles(DType, _data, (int)ElementCount);

    /// <summary>Wraps bytes already validated by the reader, without copying them again.</summary>
    internal static SafetensorsTensor FromValidated(string name, SafetensorsDType dtype, int[] shape,
        long elementCount, byte[] data) => new(name, dtype, shape, elementCount, data);

    private static long CheckShape(string name, ReadOnlySpan<int> shape, int dataCount)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!SafetensorsText.IsWellFormed(name))
        {
            throw new ArgumentException(
                $"SafetensorsTensor: the name {SafetensorsText.Quote(name)} holds an unpaired surrogate, which UTF-8 " +
                "cannot store; fix the name's text.",
                nameof(name));
        }

        if (name.Length == 0 || name == MetadataKey)
        {
            throw new ArgumentException(
                $"SafetensorsTensor: the name {SafetensorsText.Quote(name)} is not allowed; use a non-empty name " +
                $"other than '{MetadataKey}', which holds the file's metadata.",
                nameof(name));
        }

        long count = 1;
        var hasZero = false;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException(
                    $"SafetensorsTensor {SafetensorsText.Quote(name)}: shape {Format(shape)} has a negative " +
                    "dimension.",
                    nameof(shape));
            }

            // Stop multiplying once past the data length, so a huge shape cannot overflow.
            hasZero |= dim == 0;
            count = count > dataCount ? count : count * dim;
        }

        count = hasZero ? 0 : count;

        if (count != dataCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"SafetensorsTensor {SafetensorsText.Quote(name)}: shape {Format(shape)} does not hold the " +
                    $"{dataCount} elements given; pass data of the shape's product length."),
                nameof(shape));
        }

        return count;
    }

    private static string Format(ReadOnlySpan<int> shape) => SafetensorsText.Shape(shape.ToArray());
}
