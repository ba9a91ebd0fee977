using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Astrograd.IO;

/// <summary>
/// Reads and writes the safetensors format: an 8-byte little-endian header length N, N bytes of UTF-8 JSON
/// mapping each tensor name to <c>{"dtype", "shape", "data_offsets": [begin, end]}</c> (offsets into the data
/// buffer after the header) plus an optional <c>"__metadata__"</c> object of strings, then the raw little-endian
/// tensor bytes.
/// </summary>
/// <remarks>
/// Writing puts the tensors in the order given, their ranges contiguous from offset 0, and pads the header with
/// spaces so the data starts on an 8-byte boundary. Reading trusts nothing: lengths are checked against the file
/// before allocation, ranges must tile the buffer exactly, names and keys must be unique, and every fault is a
/// <see cref="SafetensorsException"/> naming the file and the tensor.
/// </remarks>
public static class SafetensorsFile
{
    /// <summary>Writes the tensors and metadata to <paramref name="path"/> atomically: into a temporary file in the
    /// same folder, flushed to disk, then moved over <paramref name="path"/>, so a crash never leaves a half-written
    /// file under that name.</summary>
    /// <param name="path">Destination; its folder must exist. An existing file is replaced.</param>
    /// <param name="tensors">The tensors, written in this order; names must be unique.</param>
    /// <param name="metadata">String → string pairs for <c>__metadata__</c>, written in ordinal key order; omitted
    /// when null or empty.</param>
    /// <exception cref="ArgumentException">A null or duplicate tensor, or a null metadata value.</exception>
    /// <exception cref="IOException">The file system refused the write.</exception>
    public static void Write(string path, IReadOnlyList<SafetensorsTensor> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Validate(tensors, metadata);

        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? ".";
        // A unique name needs no reproducibility, so it comes from Guid rather than a seeded Rng.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        var moved = false;
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                SafetensorsWriter.Write(stream, tensors, metadata);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
            moved = true;
        }
        finally
        {
            if (!moved)
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Writes the tensors and metadata to <paramref name="stream"/> from its current position.</summary>
    /// <inheritdoc cref="Write(string, IReadOnlyList{SafetensorsTensor}, IReadOnlyDictionary{string, string}?)"/>
    public static void Write(Stream stream, IReadOnlyList<SafetensorsTensor> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Validate(tensors, metadata);

        SafetensorsWriter.Write(stream, tensors, metadata);
    }

    /// <summary>Reads every tensor and the metadata of the file at <paramref name="path"/>.</summary>
    /// <exception cref="SafetensorsException">The file cannot be opened or read, or is not a valid safetensors
    /// file; the message names the file and the tensor or field at fault.</exception>
    public static SafetensorsContents Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
                FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SafetensorsException(path, null, $"cannot open the file: {ex.Message}", ex);
        }

        using (stream)
        {
            return Read(stream, path);
        }
    }

    /// <summary>Reads every tensor and the metadata from <paramref name="stream"/>, from its current position to
    /// its end. A seekable stream has every claimed length checked against its length before allocation; an
    /// unseekable one is read in growing chunks, so a forged length costs no more memory than the bytes sent.
    /// </summary>
    /// <param name="stream">A readable stream positioned at the start of the file.</param>
    /// <param name="sourceName">The name that messages give for the stream, such as its origin.</param>
    /// <exception cref="SafetensorsException">The stream is not a valid safetensors file or fails while
    /// reading.</exception>
    public static SafetensorsContents Read(Stream stream, string sourceName = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (!stream.CanRead)
        {
            throw new ArgumentException("SafetensorsFile.Read: the stream is not readable.", nameof(stream));
        }

        try
        {
            return SafetensorsReader.Read(stream, sourceName);
        }
        catch (IOException ex)
        {
            throw new SafetensorsException(sourceName, null, $"reading failed: {ex.Message}", ex);
        }
    }

    private static void Validate([NotNull] IReadOnlyList<SafetensorsTensor>? tensors,
        IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tensors.Count; i++)
        {
            var tensor = tensors[i] ?? throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"SafetensorsFile.Write: tensors[{i}] is null."),
                nameof(tensors));
            if (!names.Add(tensor.Name))
            {
                throw new ArgumentException(
                    $"SafetensorsFile.Write: the tensor name {SafetensorsText.Quote(tensor.Name)} appears twice; " +
                    "names must be unique.",
                    nameof(tensors));
            }
        }

        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (value is null)
            {
                throw new ArgumentException(
                    $"SafetensorsFile.Write: metadata {SafetensorsText.Quote(key)} is null; values must be strings.",
                    nameof(metadata));
            }

            if (!SafetensorsText.IsWellFormed(key) || !SafetensorsText.IsWellFormed(value))
            {
                throw new ArgumentException(
                    $"SafetensorsFile.Write: metadata {SafetensorsText.Quote(key)} holds an unpaired surrogate, " +
                    "which UTF-8 cannot store.",
                    nameof(metadata));
            }
        }
    }
}
