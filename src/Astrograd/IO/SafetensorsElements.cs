using System.Buffers.Binary;
using System.Diagnostics;

namespace Astrograd.IO;

/// <summary>Little-endian element encoding and decoding for every <see cref="SafetensorsDType"/>.</summary>
internal static class SafetensorsElements
{
    public static byte[] Encode(ReadOnlySpan<float> values)
    {
        var bytes = new byte[checked(values.Length * sizeof(float))];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return bytes;
    }

    public static byte[] Encode(ReadOnlySpan<double> values)
    {
        var bytes = new byte[checked(values.Length * sizeof(double))];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        }

        return bytes;
    }

    /// <summary>Element <paramref name="index"/> of <paramref name="data"/>, widened to double exactly where
    /// double can hold it (all types but large I64/U64).</summary>
    public static double ReadAsDouble(SafetensorsDType dtype, ReadOnlySpan<byte> data, int index)
    {
        Debug.Assert((long)(index + 1) * SafetensorsDTypes.Size(dtype) <= data.Length);
        return dtype switch
        {
            SafetensorsDType.Bool => data[index] == 0 ? 0.0 : 1.0,
            SafetensorsDType.U8 => data[index],
            SafetensorsDType.I8 => (sbyte)data[index],
            SafetensorsDType.F8E5M2 => (double)BitConverter.UInt16BitsToHalf((ushort)(data[index] << 8)),
            SafetensorsDType.F8E4M3 => DecodeE4M3(data[index]),
            SafetensorsDType.I16 => BinaryPrimitives.ReadInt16LittleEndian(data[(index * 2)..]),
            SafetensorsDType.U16 => BinaryPrimitives.ReadUInt16LittleEndian(data[(index * 2)..]),
            SafetensorsDType.F16 => (double)BinaryPrimitives.ReadHalfLittleEndian(data[(index * 2)..]),
            SafetensorsDType.BF16 =>
                BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(data[(index * 2)..]) << 16),
            SafetensorsDType.I32 => BinaryPrimitives.ReadInt32LittleEndian(data[(index * 4)..]),
            SafetensorsDType.U32 => BinaryPrimitives.ReadUInt32LittleEndian(data[(index * 4)..]),
            SafetensorsDType.F32 => BinaryPrimitives.ReadSingleLittleEndian(data[(index * 4)..]),
            SafetensorsDType.F64 => BinaryPrimitives.ReadDoubleLittleEndian(data[(index * 8)..]),
            SafetensorsDType.I64 => BinaryPrimitives.ReadInt64LittleEndian(data[(index * 8)..]),
            SafetensorsDType.U64 => BinaryPrimitives.ReadUInt64LittleEndian(data[(index * 8)..]),
            _ => throw new UnreachableException($"Unhandled dtype {dtype}."),
        };
    }

    public static float[] ToSingles(SafetensorsDType dtype, ReadOnlySpan<byte> data, int count)
    {
        var values = new float[count];
        if (dtype == SafetensorsDType.F32)
        {
            for (var i = 0; i < count; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]);
            }

            return values;
        }

        // Every other type goes through double, which holds each of them exactly (bar huge 64-bit integers),
        // so the single result is the correctly rounded value.
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)ReadAsDouble(dtype, data, i);
        }

        return values;
    }

    public static double[] ToDoubles(SafetensorsDType dtype, ReadOnlySpan<byte> data, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = ReadAsDouble(dtype, data, i);
        }

        return values;
    }

    private static double DecodeE4M3(byte bits)
    {
        var sign = (bits & 0x80) != 0 ? -1.0 : 1.0;
        var exponent = (bits >> 3) & 0xF;
        var mantissa = bits & 0x7;
        if (exponent == 0xF && mantissa == 0x7)
        {
            return double.NaN;
        }

        return exponent == 0
            ? sign * (mantissa / 8.0) * Math.ScaleB(1.0, -6)
            : sign * (1.0 + (mantissa / 8.0)) * Math.ScaleB(1.0, exponent - 7);
    }
}
