using System.Globalization;

namespace Astrograd.Data.Fits;

/// <summary>
/// Reads one header: 2880-byte blocks of 36 cards, up to and including the block with the END card. The
/// header's <see cref="FitsHeader.Place"/> carries the HDU's EXTNAME.
/// </summary>
internal static class FitsHeaderReader
{
    public const int BlockLength = 2880;

    private const int CardsPerBlock = BlockLength / FitsCardParser.CardLength;

    /// <summary>
    /// Reads the header that starts at <paramref name="offset"/> (a block boundary) of a file of
    /// <paramref name="fileLength"/> bytes; returns it and the offset of the block after its END card.
    /// </summary>
    /// <exception cref="DataException">A block is cut short, no END card comes before the end of the file, or a
    /// card holds bytes that are not printable ASCII.</exception>
    public static (FitsHeader Header, long DataOffset) Read(Stream stream, long offset, long fileLength,
        FitsPlace place, ICollection<string> warnings)
    {
        var block = new byte[BlockLength];
        var cards = new List<FitsCard>(CardsPerBlock);
        stream.Seek(offset, SeekOrigin.Begin);
        for (var blockStart = offset; ; blockStart += BlockLength)
        {
            if (blockStart >= fileLength)
            {
                throw place.Error(string.Create(CultureInfo.InvariantCulture,
                    $"the header that starts at byte {offset} has no END card before the end of the file " +
                    $"(byte {fileLength}); the file is cut short or damaged"));
            }

            var present = stream.ReadAtLeast(block, BlockLength, throwOnEndOfStream: false);
            if (present < BlockLength)
            {
                throw place.Error(string.Create(CultureInfo.InvariantCulture,
                    $"the header block at byte {blockStart} is cut short: the file ends after {present} of its " +
                    $"{BlockLength} bytes"));
            }

            for (var c = 0; c < CardsPerBlock; c++)
            {
                var bytes = block.AsSpan(c * FitsCardParser.CardLength, FitsCardParser.CardLength);
                var cardOffset = blockStart + (c * FitsCardParser.CardLength);
                if (FitsCardParser.IsEnd(bytes))
                {
                    // From here on, messages name the HDU by its EXTNAME too.
                    var name = cards.FirstOrDefault(k => k is { Keyword: "EXTNAME", Kind: FitsValueKind.Text })?.Value;
                    var named = place with { Name = name };
                    return (FitsHeader.Build(cards, named, warnings), blockStart + BlockLength);
                }

                cards.Add(FitsCardParser.Parse(bytes, cards.Count + 1, cardOffset, place));
            }
        }
    }
}
