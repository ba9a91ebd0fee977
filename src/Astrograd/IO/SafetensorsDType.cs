namespace Astrograd.IO;

/// <summary>
/// The element types of the safetensors format, named as in the header's <c>"dtype"</c> field. All are stored
/// little-endian.
/// </summary>
public enum SafetensorsDType
{
    /// <summary><c>"BOOL"</c>: one byte, 0 = false, anything else = true.</summary>
    Bool,

    /// <summary><c>"U8"</c>: unsigned 8-bit integer.</summary>
    U8,

    /// <summary><c>"I8"</c>: signed 8-bit integer.</summary>
    I8,

    /// <summary><c>"F8_E5M2"</c>: 8-bit float, 1 sign, 5 exponent (bias 15), 2 mantissa bits, with ±∞ and NaN.
    /// </summary>
    F8E5M2,

    /// <summary><c>"F8_E4M3"</c>: 8-bit float, 1 sign, 4 exponent (bias 7), 3 mantissa bits, no ∞; NaN only at
    /// S.1111.111 (the "fn" variant).</summary>
    F8E4M3,

    /// <summary><c>"I16"</c>: signed 16-bit integer.</summary>
    I16,

    /// <summary><c>"U16"</c>: unsigned 16-bit integer.</summary>
    U16,

    /// <summary><c>"F16"</c>: IEEE 754 half precision.</summary>
    F16,

    /// <summary><c>"BF16"</c>: bfloat16, the upper 16 bits of an IEEE single (bytes 80 3F read 1.0).</summary>
    BF16,

    /// <summary><c>"I32"</c>: signed 32-bit integer.</summary>
    I32,

    /// <summary><c>"U32"</c>: unsigned 32-bit integer.</summary>
    U32,

    /// <summary><c>"F32"</c>: IEEE 754 single precision.</summary>
    F32,

    /// <summary><c>"F64"</c>: IEEE 754 double precision.</summary>
    F64,

    /// <summary><c>"I64"</c>: signed 64-bit integer.</summary>
    I64,

    /// <summary><c>"U64"</c>: unsigned 64-bit integer.</summary>
    U64,
}

/// <summary>Header names and sizes of <see cref="SafetensorsDType"/>.</summary>
public static class SafetensorsDTypes
{
    private static readonly (SafetensorsDType DType, string Name, int Size)[] _table =
    [
        (SafetensorsDType.Bool, "BOOL", 1),
        (SafetensorsDType.U8, "U8", 1),
        (SafetensorsDType.I8, "I8", 1),
        (SafetensorsDType.F8E5M2, "F8_E5M2", 1),
        (SafetensorsDType.F8E4M3, "F8_E4M3", 1),
        (SafetensorsDType.I16, "I16", 2),
        (SafetensorsDType.U16, "U16", 2),
        (SafetensorsDType.F16, "F16", 2),
        (SafetensorsDType.BF16, "BF16", 2),
        (SafetensorsDType.I32, "I32", 4),
        (SafetensorsDType.U32, "U32", 4),
        (SafetensorsDType.F32, "F32", 4),
        (SafetensorsDType.F64, "F64", 8),
        (SafetensorsDType.I64, "I64", 8),
        (SafetensorsDType.U64, "U64", 8),
    ];

    /// <summary>Every dtype name this library reads and writes, comma-separated, for error messages.</summary>
    public static string SupportedNames { get; } = string.Join(", ", _table.Select(e => e.Name));

    /// <summary>The header name of <paramref name="dtype"/>, e.g. <c>"BF16"</c>.</summary>
    public static string Name(SafetensorsDType dtype) => Entry(dtype).Name;

    /// <summary>Bytes per element: 1, 2, 4 or 8.</summary>
    public static int Size(SafetensorsDType dtype) => Entry(dtype).Size;

    /// <summary>The dtype whose header name is exactly <paramref name="name"/> (case-sensitive).</summary>
    public static bool TryParse(string name, out SafetensorsDType dtype)
    {
        foreach (var entry in _table)
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal))
            {
                dtype = entry.DType;
                return true;
            }
        }

        dtype = default;
        return false;
    }

    private static (SafetensorsDType DType, string Name, int Size) Entry(SafetensorsDType dtype)
    {
        var index = (int)dtype;
        if ((uint)index >= (uint)_table.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a safetensors dtype.");
        }

        System.Diagnostics.Debug.Assert(_table[index].DType == dtype, "The table follows the enum's order.");
        return _table[index];
    }
}
