using System.Globalization;

namespace Astrograd.IO;

/// <summary>
/// Checks that the tensors' byte ranges tile the data buffer exactly: from byte 0, each range starting where the
/// previous one ends, the last ending at the end of the buffer. Empty tensors take empty ranges.
/// </summary>
internal static class SafetensorsLayout
{
    /// <summary>The entries in data order, or the first fault found, naming its tensor.</summary>
    /// <param name="entries">Header entries, each with a range of the right length for its shape.</param>
    /// <param name="dataLength">Bytes after the header; null when the stream length is unknown, in which case the
    /// reader checks the end of the buffer as it reads.</param>
    /// <param name="file">The file name for messages.</param>
    public static SafetensorsHeaderEntry[] Check(List<SafetensorsHeaderEntry> entries, long? dataLength, string file)
    {
        if (dataLength is long length)
        {
            foreach (var entry in entries.Where(e => e.End > length))
            {
                throw Fail(file, entry, string.Create(CultureInfo.InvariantCulture,
                    $"data_offsets [{entry.Begin}, {entry.End}] run past the end of the {length}-byte data buffer."));
            }
        }

        // A stable sort; ties in begin put an empty range before the range that starts at the same byte.
        var ordered = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToArray();
        SafetensorsHeaderEntry? previous = null;
        long expected = 0;
        foreach (var entry in ordered)
        {
            if (entry.Begin < expected)
            {
                throw Fail(file, entry, string.Create(CultureInfo.InvariantCulture,
                    $"data_offsets [{entry.Begin}, {entry.End}] overlap tensor " +
                    $"{SafetensorsText.Quote(previous!.Name)} at [{previous.Begin}, {previous.End}]."));
            }

            if (entry.Begin > expected)
            {
                throw Fail(file, entry, previous is null
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"data_offsets [{entry.Begin}, {entry.End}] leave bytes [0, {entry.Begin}) before it unused; " +
                        $"tensors must cover the data from byte 0 without holes.")
                    : string.Create(CultureInfo.InvariantCulture,
                        $"data_offsets [{entry.Begin}, {entry.End}] leave a hole [{expected}, {entry.Begin}) after " +
                        $"tensor {SafetensorsText.Quote(previous.Name)}; tensors must cover the data without holes."));
            }

            previous = entry;
            expected = entry.End;
        }

        if (dataLength is long total && expected < total)
        {
            throw previous is null
                ? new SafetensorsException(file, null, string.Create(CultureInfo.InvariantCulture,
                    $"{total} data bytes follow a header that lists no tensors."))
                : Fail(file, previous, string.Create(CultureInfo.InvariantCulture,
                    $"{total - expected} bytes follow the data of this last tensor (it ends at {expected}, the " +
                    $"buffer holds {total}); the file holds more than its header describes."));
        }

        return ordered;
    }

    private static SafetensorsException Fail(string file, SafetensorsHeaderEntry entry, string detail) =>
        new(file, entry.Name, detail);
}
