using System.Buffers.Binary;
using System.Globalization;

namespace Astrograd.Data.Fits;

/// <summary>
/// One column for <see cref="FitsWriter"/>: a name, a TFORM (E, D, J, K, A or L; one value per row) and the
/// values, copied. Names are printable ASCII of at most 68 characters. Missing values: NaN for E and D, the
/// given null value (written as TNULLn) for J and K, <c>""</c> or null for A (written as spaces), null for L
/// (written as byte 0).
/// </summary>
public sealed class FitsWriteColumn
{
    private readonly float[]? _singles;
    private readonly double[]? _doubles;
    private readonly long[]? _integers;
    private readonly byte[][]? _texts;
    private readonly byte[]? _logicals;

    private FitsWriteColumn(string name, char code, int length, int width, long? nullValue, float[]? singles = null,
        double[]? doubles = null, long[]? integers = null, byte[][]? texts = null, byte[]? logicals = null)
    {
        Name = name;
        Code = code;
        Length = length;
        Width = width;
        Null = nullValue;
        _singles = singles;
        _doubles = doubles;
        _integers = integers;
        _texts = texts;
        _logicals = logicals;
    }

    /// <summary>The TTYPEn value.</summary>
    public string Name { get; }

    /// <summary>The type code: E, D, J, K, A or L.</summary>
    public char Code { get; }

    /// <summary>The number of rows.</summary>
    public int Length { get; }

    /// <summary>The bytes per row: 4 (E, J), 8 (D, K), 1 (L), or the string width (A).</summary>
    public int Width { get; }

    /// <summary>The TNULLn written for J and K columns, or null for none (no TNULLn card).</summary>
    public long? Null { get; }

    /// <summary>The TFORMn value: <c>1E</c>, <c>1D</c>, <c>1J</c>, <c>1K</c>, <c>1L</c> or <c>wA</c>.</summary>
    public string Format => Code == 'A'
        ? string.Create(CultureInfo.InvariantCulture, $"{Width}A")
        : $"1{Code}";

    /// <summary>A 32-bit float column (E); NaN marks a missing value.</summary>
    public static FitsWriteColumn Single(string name, ReadOnlySpan<float> values) =>
        new(CheckName(name), 'E', values.Length, 4, null, singles: values.ToArray());

    /// <summary>A 64-bit float column (D); NaN marks a missing value.</summary>
    public static FitsWriteColumn Double(string name, ReadOnlySpan<double> values) =>
        new(CheckName(name), 'D', values.Length, 8, null, doubles: values.ToArray());

    /// <summary>A 32-bit integer column (J); values equal to <paramref name="nullValue"/> are missing.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">One value per row.</param>
    /// <param name="nullValue">The stored value that means missing, written as TNULLn; null writes no TNULLn.</param>
    public static FitsWriteColumn Int32(string name, ReadOnlySpan<int> values, int? nullValue = null)
    {
        var copy = new long[values.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = values[i];
        }

        return new FitsWriteColumn(CheckName(name), 'J', values.Length, 4, nullValue, integers: copy);
    }

    /// <summary>A 64-bit integer column (K); values equal to <paramref name="nullValue"/> are missing.</summary>
    public static FitsWriteColumn Int64(string name, ReadOnlySpan<long> values, long? nullValue = null) =>
        new(CheckName(name), 'K', values.Length, 8, nullValue, integers: values.ToArray());

    /// <summary>
    /// A string column (A) as wide as the longest value (at least 1). Values must be printable ASCII; trailing
    /// spaces are not kept (FITS ignores them), and <c>""</c> or null is written as spaces, which read as missing.
    /// </summary>
    /// <exception cref="ArgumentException">A value holds a character outside printable ASCII (0x20–0x7E).</exception>
    public static FitsWriteColumn Text(string name, ReadOnlySpan<string?> values)
    {
        CheckName(name);
        var bytes = new byte[values.Length][];
        var width = 1;
        for (var r = 0; r < values.Length; r++)
        {
            var text = (values[r] ?? string.Empty).TrimEnd(' ');
            var bad = text.AsSpan().IndexOfAnyExceptInRange(' ', '~');
            if (bad >= 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"FitsWriteColumn.Text: column '{name}', row {r}: character U+{(int)text[bad]:X4} is not " +
                    $"printable ASCII, which FITS strings require"), nameof(values));
            }

            bytes[r] = [.. text.Select(c => (byte)c)];
            width = Math.Max(width, text.Length);
        }

        return new FitsWriteColumn(name, 'A', values.Length, width, null, texts: bytes);
    }

    /// <summary>A logical column (L): true → 'T', false → 'F', null (missing) → byte 0.</summary>
    public static FitsWriteColumn Logical(string name, ReadOnlySpan<bool?> values)
    {
        var bytes = new byte[values.Length];
        for (var r = 0; r < bytes.Length; r++)
        {
            bytes[r] = values[r] switch
            {
                true => (byte)'T',
                false => (byte)'F',
                null => 0,
            };
        }

        return new FitsWriteColumn(CheckName(name), 'L', values.Length, 1, null, logicals: bytes);
    }

    /// <summary>Writes row <paramref name="row"/>'s value, big-endian, into <see cref="Width"/> bytes.</summary>
    internal void WriteCell(int row, Span<byte> destination)
    {
        switch (Code)
        {
            case 'E':
                BinaryPrimitives.WriteSingleBigEndian(destination, _singles![row]);
                break;
            case 'D':
                BinaryPrimitives.WriteDoubleBigEndian(destination, _doubles![row]);
                break;
            case 'J':
                BinaryPrimitives.WriteInt32BigEndian(destination, (int)_integers![row]);
                break;
            case 'K':
                BinaryPrimitives.WriteInt64BigEndian(destination, _integers![row]);
                break;
            case 'L':
                destination[0] = _logicals![row];
                break;
            default:
                var text = _texts![row];
                text.CopyTo(destination);
                destination[text.Length..Width].Fill((byte)' ');
                break;
        }
    }

    // TTYPEn must fit one card: astropy, for one, refuses a column name continued in CONTINUE cards.
    private static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var bad = name.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        if (bad >= 0 || name.Trim(' ').Length == 0)
        {
            throw new ArgumentException(
                $"FitsWriteColumn: column name '{name}' must be printable ASCII and not only spaces", nameof(name));
        }

        if (FitsCardWriter.QuotedLength(name) > FitsCardWriter.MaxQuoted)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"FitsWriteColumn: column name '{name}' takes {FitsCardWriter.QuotedLength(name)} characters in its " +
                $"TTYPE card, which holds {FitsCardWriter.MaxQuoted} (a quote counts twice); shorten it"),
                nameof(name));
        }

        return name;
    }
}
