using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;

namespace Astrograd.Data.Fits;

/// <summary>
/// Turns the rows of a BINTABLE into table columns, a chunk of rows at a time: every element is big-endian,
/// at byte RowOffset + k · ElementBytes of its row (rows are NAXIS1 bytes apart). Numbers and logicals become
/// numeric columns (missing = NaN), strings become text columns (missing = "").
/// </summary>
internal static class FitsTableDecoder
{
    // Rows are read about this many bytes at a time (at least one row), so memory follows the columns' size.
    private const int ChunkBytes = 1 << 20;

    // String columns mostly repeat a few labels; one string per distinct value, up to this many.
    private const int MaxInterned = 10_000;

    /// <summary>Decodes <paramref name="layout"/>'s rows from the stream, which is at the first data byte; the
    /// scalar integer columns named in <paramref name="textColumns"/> become text of their exact values.</summary>
    /// <exception cref="DataException">The file ends early, or a logical byte is not T, F or 0.</exception>
    public static DataColumn[] Decode(Stream stream, long dataOffset, FitsTableLayout layout, FitsPlace place,
        IReadOnlyCollection<string>? textColumns = null)
    {
        var rows = layout.Rows;
        var rowLength = (int)layout.RowLength;
        var sinks = layout.Columns.Select(c => new Sink(c, rows, IsExact(c, textColumns))).ToArray();

        var chunkRows = rowLength == 0 ? rows : Math.Clamp(ChunkBytes / rowLength, 1, Math.Max(rows, 1));
        var buffer = new byte[(long)chunkRows * rowLength];
        for (var first = 0; first < rows; first += chunkRows)
        {
            var count = Math.Min(chunkRows, rows - first);
            var bytes = buffer.AsSpan(0, count * rowLength);
            if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
            {
                throw place.Error(string.Create(CultureInfo.InvariantCulture,
                    $"the file ended while row {first + 1} was read (it changed while being read?)"));
            }

            foreach (var sink in sinks)
            {
                sink.Decode(bytes, rowLength, first, count, dataOffset, place);
            }
        }

        return [.. sinks.SelectMany(s => s.Build())];
    }

    // A scalar integer column asked for as text, whose values TZERO and TSCAL = 1 keep whole.
    private static bool IsExact(FitsColumn column, IReadOnlyCollection<string>? textColumns) =>
        textColumns is not null && column.Format.Code is 'B' or 'I' or 'J' or 'K'
        && column.FeatureNames is [var name] && textColumns.Contains(name)
        && column.Scale == 1.0 && column.Zero == Math.Floor(column.Zero)
        && Math.Abs(column.Zero) <= 18446744073709551616.0;

    /// <summary>One field's output arrays: one per vector element for numbers, one of strings for A (and for an
    /// integer column read as exact text).</summary>
    private sealed class Sink
    {
        private readonly FitsColumn _column;
        private readonly double[][] _numbers;
        private readonly string[]? _texts;
        private readonly Dictionary<string, string>? _interned;
        private readonly bool _exact;

        public Sink(FitsColumn column, int rows, bool exact)
        {
            _column = column;
            _exact = exact;
            var isText = column.Format.Code == 'A' || exact;
            _numbers = isText ? [] : [.. column.FeatureNames.Select(_ => new double[rows])];
            _texts = isText && column.FeatureNames.Count > 0 ? new string[rows] : null;
            _interned = _texts is null ? null : new Dictionary<string, string>(StringComparer.Ordinal);
        }

        public IEnumerable<DataColumn> Build() =>
            _texts is not null
                ? [DataColumn.Own(_column.FeatureNames[0], _texts)]
                : _numbers.Select((values, k) => DataColumn.Own(_column.FeatureNames[k], values));

        public void Decode(ReadOnlySpan<byte> chunk, int rowLength, int first, int count, long dataOffset,
            FitsPlace place)
        {
            var offset = (int)_column.RowOffset;
            if (_exact)
            {
                DecodeExact(chunk, rowLength, first, count, offset);
                return;
            }

            if (_texts is not null)
            {
                DecodeText(chunk, rowLength, first, count, offset);
                return;
            }

            var width = _column.Format.ElementBytes;
            for (var k = 0; k < _numbers.Length; k++)
            {
                var values = _numbers[k].AsSpan(first, count);
                var start = offset + (k * width);
                switch (_column.Format.Code)
                {
                    case 'L':
                        DecodeLogical(chunk, rowLength, start, values, first, dataOffset, place);
                        break;
                    case 'E':
                        for (var r = 0; r < count; r++)
                        {
                            values[r] = BinaryPrimitives.ReadSingleBigEndian(chunk[((r * rowLength) + start)..]);
                        }

                        break;
                    case 'D':
                        for (var r = 0; r < count; r++)
                        {
                            values[r] = BinaryPrimitives.ReadDoubleBigEndian(chunk[((r * rowLength) + start)..]);
                        }

                        break;
                    default:
                        DecodeInteger(chunk, rowLength, start, values);
                        break;
                }

                Scale(values);
            }
        }

        // Stored + TZERO in 128-bit integers, so that an unsigned 64-bit value (TZERO = 2^63) stays exact too.
        private void DecodeExact(ReadOnlySpan<byte> chunk, int rowLength, int first, int count, int offset)
        {
            Debug.Assert(_texts is not null);
            var code = _column.Format.Code;
            var zero = (Int128)_column.Zero;
            for (var r = 0; r < count; r++)
            {
                var at = chunk[((r * rowLength) + offset)..];
                long stored = code switch
                {
                    'B' => at[0],
                    'I' => BinaryPrimitives.ReadInt16BigEndian(at),
                    'J' => BinaryPrimitives.ReadInt32BigEndian(at),
                    _ => BinaryPrimitives.ReadInt64BigEndian(at),
                };
                _texts[first + r] = _column.Null == stored
                    ? string.Empty
                    : (stored + zero).ToString(CultureInfo.InvariantCulture);
            }
        }

        // TNULL is compared with the stored integer, before TSCAL and TZERO apply.
        private void DecodeInteger(ReadOnlySpan<byte> chunk, int rowLength, int start, Span<double> values)
        {
            var code = _column.Format.Code;
            var hasNull = _column.Null is not null;
            var nullValue = _column.Null.GetValueOrDefault();
            for (var r = 0; r < values.Length; r++)
            {
                var at = chunk[((r * rowLength) + start)..];
                long stored = code switch
                {
                    'B' => at[0],
                    'I' => BinaryPrimitives.ReadInt16BigEndian(at),
                    'J' => BinaryPrimitives.ReadInt32BigEndian(at),
                    _ => BinaryPrimitives.ReadInt64BigEndian(at),
                };
                values[r] = hasNull && stored == nullValue ? double.NaN : stored;
            }
        }

        // The standard's bytes: 'T' true, 'F' false, 0 null (a reader testing for 1 would find no true value).
        private void DecodeLogical(ReadOnlySpan<byte> chunk, int rowLength, int start, Span<double> values,
            int first, long dataOffset, FitsPlace place)
        {
            for (var r = 0; r < values.Length; r++)
            {
                var b = chunk[(r * rowLength) + start];
                values[r] = b switch
                {
                    (byte)'T' => 1.0,
                    (byte)'F' => 0.0,
                    0 => double.NaN,
                    _ => throw place.Error(string.Create(CultureInfo.InvariantCulture,
                        $"{_column}, row {first + r + 1} (byte {dataOffset + ((long)(first + r) * rowLength) + start}" +
                        $"): byte 0x{b:X2} is not a logical; expected 'T' (0x54), 'F' (0x46) or 0 for null")),
                };
            }
        }

        private void Scale(Span<double> values)
        {
            var scale = _column.Scale;
            var zero = _column.Zero;
            if (scale == 1.0 && zero == 0.0)
            {
                return;
            }

            // NaN (missing) stays NaN.
            for (var r = 0; r < values.Length; r++)
            {
                values[r] = zero + (scale * values[r]);
            }
        }

        // Trailing spaces are not significant; a NUL ends the string; all spaces is a missing label.
        private void DecodeText(ReadOnlySpan<byte> chunk, int rowLength, int first, int count, int offset)
        {
            Debug.Assert(_texts is not null && _interned is not null);
            var length = (int)_column.Format.Repeat;
            Span<char> chars = length <= 256 ? stackalloc char[length] : new char[length];
            var lookup = _interned.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var r = 0; r < count; r++)
            {
                var field = chunk.Slice((r * rowLength) + offset, length);
                var nul = field.IndexOf((byte)0);
                field = nul >= 0 ? field[..nul] : field;
                field = field.TrimEnd((byte)' ');

                // Latin-1: each byte one character, so no byte can fail to decode.
                var text = chars[..field.Length];
                for (var i = 0; i < field.Length; i++)
                {
                    text[i] = (char)field[i];
                }

                if (text.IsEmpty)
                {
                    _texts[first + r] = string.Empty;
                }
                else if (lookup.TryGetValue(text, out var known))
                {
                    _texts[first + r] = known;
                }
                else
                {
                    var s = text.ToString();
                    if (_interned.Count < MaxInterned)
                    {
                        _interned.Add(s, s);
                    }

                    _texts[first + r] = s;
                }
            }
        }
    }
}
