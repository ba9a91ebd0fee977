using System.Globalization;

namespace Astrograd.Data.Fits;

/// <summary>What an HDU holds.</summary>
public enum FitsHduKind
{
    /// <summary>The primary HDU (the first one, <c>SIMPLE = T</c>): an image, random groups, or no data.</summary>
    Primary,

    /// <summary>An IMAGE extension.</summary>
    Image,

    /// <summary>A BINTABLE extension: a binary table, the kind this reader reads.</summary>
    BinaryTable,

    /// <summary>A TABLE extension (ASCII table), which this reader does not read.</summary>
    AsciiTable,

    /// <summary>Any other extension type.</summary>
    Other,
}

/// <summary>
/// One header-and-data unit of a FITS file: where it is, what it holds and how big its data are.
/// The data size is |BITPIX|/8 · GCOUNT · (PCOUNT + NAXIS1 · … · NAXISm) bytes (NAXIS1 left out of the
/// product for random groups), padded with zeros to a multiple of 2880 in the file.
/// </summary>
public sealed class FitsHdu
{
    private FitsHdu(int index, FitsHduKind kind, string? name, FitsHeader header, long headerOffset,
        long dataOffset, long dataLength)
    {
        Index = index;
        Kind = kind;
        Name = name;
        Header = header;
        HeaderOffset = headerOffset;
        DataOffset = dataOffset;
        DataLength = dataLength;
    }

    /// <summary>The 0-based position in the file: 0 is the primary HDU, 1 the first extension.</summary>
    public int Index { get; }

    /// <summary>What the HDU holds.</summary>
    public FitsHduKind Kind { get; }

    /// <summary>The EXTNAME value, or null when the header has none.</summary>
    public string? Name { get; }

    /// <summary>The header, CONTINUE cards joined.</summary>
    public FitsHeader Header { get; }

    /// <summary>The byte offset of the first header block.</summary>
    public long HeaderOffset { get; }

    /// <summary>The byte offset of the data (the block after the END card).</summary>
    public long DataOffset { get; }

    /// <summary>The number of data bytes, without the padding to a whole block.</summary>
    public long DataLength { get; }

    /// <summary>The byte offset just past the data's last block (where the next HDU starts).</summary>
    public long EndOffset => DataOffset + RoundUpToBlock(DataLength);

    /// <summary>For messages: <c>HDU 1 'STARS' (BINTABLE, 3 rows of 14 bytes)</c>.</summary>
    public override string ToString()
    {
        var place = string.IsNullOrEmpty(Name)
            ? string.Create(CultureInfo.InvariantCulture, $"HDU {Index}")
            : string.Create(CultureInfo.InvariantCulture, $"HDU {Index} '{Name}'");
        var what = Kind switch
        {
            FitsHduKind.Primary => DataLength == 0 ? "primary, no data" : "primary image",
            FitsHduKind.Image => "IMAGE",
            FitsHduKind.BinaryTable => TableText(),
            FitsHduKind.AsciiTable => "ASCII TABLE",
            _ => $"extension '{Header.Find("XTENSION")?.Value}'",
        };
        return $"{place} ({what})";
    }

    private string TableText()
    {
        var rows = Header.Find("NAXIS2")?.Value ?? "?";
        return $"BINTABLE, {rows} {(rows == "1" ? "row" : "rows")} of {Header.Find("NAXIS1")?.Value ?? "?"} bytes";
    }

    internal static long RoundUpToBlock(long length) =>
        (length + FitsHeaderReader.BlockLength - 1) / FitsHeaderReader.BlockLength * FitsHeaderReader.BlockLength;

    /// <summary>Reads the header's structural keywords; the data's size comes from them.</summary>
    /// <exception cref="DataException">A required keyword is missing or out of range.</exception>
    internal static FitsHdu Create(int index, FitsHeader header, long headerOffset, long dataOffset)
    {
        var place = header.Place;
        var first = header.Cards.Count > 0 ? header.Cards[0] : null;
        FitsHduKind kind;
        if (index == 0)
        {
            if (first is not { Keyword: "SIMPLE" })
            {
                throw place.Error($"the first card is '{first?.Keyword}', expected SIMPLE; this is not a FITS file");
            }

            kind = FitsHduKind.Primary;
        }
        else
        {
            if (first is not { Keyword: "XTENSION" })
            {
                throw place.Error($"the first card of an extension is '{first?.Keyword}', expected XTENSION");
            }

            kind = header.GetText("XTENSION") switch
            {
                "BINTABLE" or "A3DTABLE" => FitsHduKind.BinaryTable,
                "IMAGE" => FitsHduKind.Image,
                "TABLE" => FitsHduKind.AsciiTable,
                _ => FitsHduKind.Other,
            };
        }

        var length = MeasureData(header, index == 0);
        return new FitsHdu(index, kind, header.Find("EXTNAME")?.Value, header, headerOffset, dataOffset, length);
    }

    private static long MeasureData(FitsHeader header, bool primary)
    {
        var bitpix = header.RequireInteger("BITPIX", -64, 64);
        if (bitpix is not (8 or 16 or 32 or 64 or -32 or -64))
        {
            throw header.Place.Error(string.Create(CultureInfo.InvariantCulture,
                $"{header.Find("BITPIX")!.Where}: expected BITPIX 8, 16, 32, 64, -32 or -64, found {bitpix}"));
        }

        var axes = header.RequireInteger("NAXIS", 0, 999);
        var randomGroups = primary && axes > 0 && header.Find("GROUPS")?.Logical == true
            && header.GetInteger("NAXIS1") == 0;

        // The primary HDU may leave PCOUNT and GCOUNT out (they matter only for random groups).
        var pcount = primary && header.Find("PCOUNT") is null ? 0 : header.RequireInteger("PCOUNT", 0, long.MaxValue);
        var gcount = primary && header.Find("GCOUNT") is null ? 1 : header.RequireInteger("GCOUNT", 0, long.MaxValue);
        try
        {
            var product = axes == 0 ? 0L : 1L;
            for (var n = randomGroups ? 2 : 1; n <= axes; n++)
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"NAXIS{n}");
                product = checked(product * header.RequireInteger(key, 0, long.MaxValue));
            }

            return checked(Math.Abs(bitpix) / 8 * gcount * (pcount + product));
        }
        catch (OverflowException)
        {
            throw header.Place.Error("the data size given by BITPIX, NAXISn, PCOUNT and GCOUNT exceeds 2^63 bytes; " +
                "the header is damaged");
        }
    }
}
