using System.Globalization;

namespace Astrograd.Data.Fits;

/// <summary>
/// Reads a binary table (BINTABLE extension) of a FITS file (FITS Standard 4.0) into a <see cref="DataTable"/>,
/// with no library: 2880-byte blocks, 80-character header cards, big-endian data.
/// </summary>
/// <remarks>
/// <para>Columns: TFORM L, B, I, J, K, E, D become numeric columns with TZEROn + TSCALn · stored applied
/// (missing: TNULLn for integers, compared before scaling; NaN for floats; byte 0 for logicals, which read
/// 'T' → 1, 'F' → 0). A vector field of r &gt; 1 elements becomes r columns <c>NAME_0</c> … <c>NAME_{r-1}</c>
/// (TDIMn is not read: a 2-D cell is numbered in file order). A (string) fields become text columns: trailing
/// spaces and everything from the first NUL are dropped, an all-space string is missing, bytes map to
/// characters one to one (Latin-1). X, C, M, P and Q fields are refused with a message naming the column;
/// a heap (PCOUNT &gt; 0) is skipped.</para>
/// <para>Hostile files: every size (NAXISn, PCOUNT, TFORM repeat counts) is checked against the file's length
/// before anything is allocated, so NAXIS2 = 10^12 in a small file is an error, not an allocation. Faults are
/// <see cref="DataException"/>s naming the file, the HDU and the card or byte offset. Data that are complete but
/// lack their final padding, bytes after the last HDU, and a damaged HDU after the table are warnings.</para>
/// <para>Not read: gzip-compressed files, ASCII TABLE extensions, images.</para>
/// </remarks>
public static class FitsReader
{
    private static readonly byte[] _magic = "SIMPLE  ="u8.ToArray();

    /// <summary>
    /// Whether <paramref name="path"/> names a FITS file: it ends in .fits, .fit or .fts (any case), or the file
    /// starts with <c>SIMPLE  =</c>.
    /// </summary>
    public static bool IsFitsPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (HasFitsExtension(path))
        {
            return true;
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 16);
            Span<byte> start = stackalloc byte[9];
            return file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length
                && start.SequenceEqual(_magic);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Whether the name ends in .fits, .fit or .fts, in any case.</summary>
    public static bool HasFitsExtension(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.EndsWith(".fits", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".fit", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".fts", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads the table selected by <paramref name="hdu"/> from the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file; errors name it as given.</param>
    /// <param name="hdu">Which HDU to read; null for the first BINTABLE.</param>
    /// <exception cref="DataException">The file cannot be read or is not a valid FITS table.</exception>
    /// <exception cref="ArgumentException">No HDU matches <paramref name="hdu"/>, or it is not a BINTABLE
    /// (parameter name <c>hdu</c>; the message lists the file's HDUs).</exception>
    public static FitsTable ReadFile(string path, FitsHduSelector? hdu = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Read(file, hdu, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DataException.At($"cannot read the file: {e.Message}", path, innerException: e);
        }
    }

    /// <summary>Reads the table selected by <paramref name="hdu"/> from a seekable stream, left open.</summary>
    /// <param name="stream">The whole file, from byte 0; its length bounds every size in the headers.</param>
    /// <param name="hdu">Which HDU to read; null for the first BINTABLE.</param>
    /// <param name="source">A name for the file in messages, or null.</param>
    /// <param name="textColumns">Integer columns (B, I, J, K, one value per row) to read as text columns holding the
    /// exact decimal value (TZEROn and a TSCALn of 1 applied; a null is empty): a 64-bit identifier such as an SDSS
    /// objid loses its last digits as a double. Null, names the table lacks and other columns change nothing.
    /// </param>
    /// <exception cref="ArgumentException">The stream cannot seek; or no HDU matches <paramref name="hdu"/>, or it is
    /// not a BINTABLE (parameter name <c>hdu</c>).</exception>
    /// <exception cref="DataException">The bytes are not a valid FITS table.</exception>
    public static FitsTable Read(Stream stream, FitsHduSelector? hdu = null, string? source = null,
        IReadOnlyCollection<string>? textColumns = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("FitsReader.Read needs a readable stream that can seek (its length bounds " +
                "the sizes in the headers); copy it into a MemoryStream first", nameof(stream));
        }

        hdu ??= FitsHduSelector.FirstTable;
        var length = stream.Length;
        CheckMagic(stream, length, source);

        var warnings = new List<string>();
        var hdus = new List<FitsHdu>();
        FitsHdu? chosen = null;
        FitsHdu? refused = null;
        FitsTableLayout? layout = null;
        DataColumn[]? columns = null;
        for (var (index, offset) = (0, 0L); offset < length; index++)
        {
            var place = new FitsPlace(source, index);
            if (index > 0 && !StartsExtension(stream, offset, length, place, hdus[^1], warnings))
            {
                break;
            }

            FitsHdu found;
            try
            {
                found = ReadHdu(stream, index, offset, length, place, hdu, warnings);
            }
            catch (DataException e) when (chosen is not null || refused is not null)
            {
                // The table is read: a damaged HDU after it costs a warning, not the table.
                warnings.Add($"{e.Message}; this HDU and any after it are ignored");
                break;
            }

            hdus.Add(found);
            if (chosen is null && refused is null && hdu.Matches(found))
            {
                // Not a table: the walk goes on, so that the message can list every table in the file.
                if (found.Kind != FitsHduKind.BinaryTable)
                {
                    refused = found;
                    offset = found.EndOffset;
                    continue;
                }

                chosen = found;
                layout = Layout(found, warnings);
                stream.Seek(found.DataOffset, SeekOrigin.Begin);
                columns = FitsTableDecoder.Decode(stream, found.DataOffset, layout, found.Header.Place, textColumns);
            }

            offset = found.EndOffset;
        }

        if (refused is not null)
        {
            throw new ArgumentException($"{(source is null ? string.Empty : source + ": ")}{refused} is not a " +
                $"BINTABLE extension; the file's tables: {List(hdus, onlyTables: true)}", nameof(hdu));
        }

        if (chosen is null)
        {
            throw NotFound(hdu, hdus, source);
        }

        return new FitsTable(new DataTable(columns!, source), chosen, hdus, layout!.Columns, warnings);
    }

    private static void CheckMagic(Stream stream, long length, string? source)
    {
        if (length == 0)
        {
            throw DataException.At("the file is empty; a FITS file starts with a 2880-byte header block", source);
        }

        Span<byte> start = stackalloc byte[9];
        stream.Seek(0, SeekOrigin.Begin);
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        if (read < start.Length || !start.SequenceEqual(_magic))
        {
            throw DataException.At("not a FITS file: it does not start with 'SIMPLE  =' (a FITS file's first " +
                "card); give a FITS file, or a name that does not end in .fits, .fit or .fts for CSV", source);
        }
    }

    // The header, the HDU's structural keywords, and its data's presence in the file.
    private static FitsHdu ReadHdu(Stream stream, int index, long offset, long length, FitsPlace place,
        FitsHduSelector selector, List<string> warnings)
    {
        var (header, dataOffset) = FitsHeaderReader.Read(stream, offset, length, place, warnings);
        var named = header.Place;
        var hdu = FitsHdu.Create(index, header, offset, dataOffset);

        var present = length - hdu.DataOffset;
        if (hdu.DataLength > present)
        {
            var what = selector.Matches(hdu) && hdu.Kind == FitsHduKind.BinaryTable
                ? "the table needs"
                : "the data need";
            throw named.Error(string.Create(CultureInfo.InvariantCulture,
                $"{what} {hdu.DataLength} bytes from byte {hdu.DataOffset}, the file holds {Math.Max(present, 0)} " +
                $"(it ends at byte {length}); the file is cut short or its header is damaged"));
        }

        if (hdu.EndOffset > length)
        {
            warnings.Add(named.Warning(string.Create(CultureInfo.InvariantCulture,
                $"the data are complete, but the file ends {hdu.EndOffset - length} bytes before the end of the " +
                $"data's last 2880-byte block (padding missing)")));
        }

        return hdu;
    }

    private static FitsTableLayout Layout(FitsHdu hdu, List<string> warnings)
    {
        var layout = FitsTableLayout.Read(hdu.Header, warnings);
        if (layout.Columns.Sum(c => c.FeatureNames.Count) == 0)
        {
            throw hdu.Header.Place.Error(
                "the table has no columns with values (TFIELDS is 0, or every repeat count is 0)");
        }

        if (layout.RowLength > Array.MaxLength)
        {
            throw hdu.Header.Place.Error(string.Create(CultureInfo.InvariantCulture,
                $"rows of {layout.RowLength} bytes (NAXIS1) are longer than this reader handles ({Array.MaxLength})"));
        }

        return layout;
    }

    // After an HDU comes another (XTENSION) or the end; anything else is reported and left alone.
    private static bool StartsExtension(Stream stream, long offset, long length, FitsPlace place, FitsHdu last,
        List<string> warnings)
    {
        Span<byte> start = stackalloc byte[8];
        stream.Seek(offset, SeekOrigin.Begin);
        if (stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length
            && start.SequenceEqual("XTENSION"u8))
        {
            return true;
        }

        var extra = length - offset;
        var kind = AllZero(stream, offset, length)
            ? "zero bytes"
            : "bytes that do not start an extension (no XTENSION)";
        warnings.Add(DataException.At(string.Create(CultureInfo.InvariantCulture,
            $"{extra} {kind} after the last HDU ({last}) at byte {offset}; ignored"), place.Source).Message);
        return false;
    }

    private static bool AllZero(Stream stream, long offset, long length)
    {
        var buffer = new byte[(int)Math.Min(length - offset, 1 << 16)];
        stream.Seek(offset, SeekOrigin.Begin);
        for (var left = length - offset; left > 0;)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(left, buffer.Length));
            if (read == 0)
            {
                break;
            }

            if (buffer.AsSpan(0, read).IndexOfAnyExcept((byte)0) >= 0)
            {
                return false;
            }

            left -= read;
        }

        return true;
    }

    private static Exception NotFound(FitsHduSelector selector, List<FitsHdu> hdus, string? source)
    {
        var holds = $"the file holds {List(hdus, onlyTables: false)}";
        return selector == FitsHduSelector.FirstTable
            ? DataException.At($"no BINTABLE extension (binary table) to read; {holds}", source)
            : new ArgumentException($"{(source is null ? string.Empty : source + ": ")}no {selector}; {holds}",
                "hdu");
    }

    private static string List(List<FitsHdu> hdus, bool onlyTables)
    {
        const int Shown = 12;
        var chosen = hdus.Where(h => !onlyTables || h.Kind == FitsHduKind.BinaryTable).ToList();
        if (chosen.Count == 0)
        {
            return "none";
        }

        return MessageText.List(chosen.Select(h => h.ToString()), Shown);
    }
}
