using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Globalization;

namespace Astrograd.IO;

/// <summary>
/// Reads a safetensors stream defensively: every length the file claims is checked against what the stream can
/// hold before anything that size is allocated, and every fault becomes a <see cref="SafetensorsException"/>.
/// </summary>
internal static class SafetensorsReader
{
    /// <summary>The largest header accepted (the reference implementation's limit, 100 MB).</summary>
    public const int MaxHeaderBytes = 100_000_000;

    // Without a known stream length, buffers grow from this size as bytes actually arrive.
    private const int InitialChunk = 1 << 20;

    public static SafetensorsContents Read(Stream stream, string file)
    {
        long? available = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : null;

        Span<byte> prefix = stackalloc byte[8];
        var got = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (got < prefix.Length)
        {
            throw Fail(file, null, string.Create(CultureInfo.InvariantCulture,
                $"only {got} bytes; a safetensors file starts with an 8-byte little-endian header length."));
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes)
        {
            throw Fail(file, null, string.Create(CultureInfo.InvariantCulture,
                $"the header length {headerLength} exceeds the {MaxHeaderBytes}-byte limit; " +
                $"the file is damaged or not a safetensors file."));
        }

        if (available is long total && headerLength > (ulong)Math.Max(0, total - 8))
        {
            throw Fail(file, null, string.Create(CultureInfo.InvariantCulture,
                $"the header length {headerLength} is more than the {Math.Max(0, total - 8)} bytes that follow " +
                $"it; the file is truncated or damaged."));
        }

        var header = ReadBlock(stream, (int)headerLength, trusted: available is not null)
            ?? throw Fail(file, null, string.Create(CultureInfo.InvariantCulture,
                $"the stream ended inside the {headerLength}-byte header."));
        var (entries, metadata) = SafetensorsHeader.Parse(header, file);

        long? dataLength = available - 8 - (long)headerLength;
        var ordered = SafetensorsLayout.Check(entries, dataLength, file);

        var tensors = new SafetensorsTensor[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            var entry = ordered[i];
            var bytes = entry.End - entry.Begin;
            if (bytes > Array.MaxLength)
            {
                throw Fail(file, entry.Name, string.Create(CultureInfo.InvariantCulture,
                    $"{bytes} bytes is more than this reader holds in one tensor ({Array.MaxLength} bytes)."));
            }

            var data = ReadBlock(stream, (int)bytes, trusted: dataLength is not null)
                ?? throw Fail(file, entry.Name, string.Create(CultureInfo.InvariantCulture,
                    $"data_offsets [{entry.Begin}, {entry.End}] run past the end of the data buffer."));
            tensors[i] = SafetensorsTensor.FromValidated(entry.Name, entry.DType, entry.Shape, entry.ElementCount,
                data);
        }

        if (dataLength is null && stream.ReadByte() >= 0)
        {
            throw Fail(file, ordered.Length == 0 ? null : ordered[^1].Name, ordered.Length == 0
                ? "data bytes follow a header that lists no tensors."
                : "bytes follow the data of the last tensor; the file holds more than its header describes.");
        }

        return new SafetensorsContents(Array.AsReadOnly(tensors), new ReadOnlyDictionary<string, string>(metadata));
    }

    /// <summary>Exactly <paramref name="count"/> bytes, or null if the stream ends first. When the stream length
    /// was not checked, the buffer grows only as bytes arrive, so a forged length cannot force a huge allocation.
    /// </summary>
    private static byte[]? ReadBlock(Stream stream, int count, bool trusted)
    {
        var buffer = new byte[trusted ? count : Math.Min(count, InitialChunk)];
        var filled = 0;
        while (filled < count)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(count, 2L * buffer.Length));
            }

            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                return null;
            }

            filled += read;
        }

        return buffer;
    }

    private static SafetensorsException Fail(string file, string? tensor, string detail) => new(file, tensor, detail);
}
