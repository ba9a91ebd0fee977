using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Astrograd.Data;
using Astrograd.Data.Fits;

namespace Astrograd.Tests.Data.Fits;

/// <summary>
/// Builds FITS bytes by hand, card by card, so that each test shows exactly what the file holds: headers padded
/// to 2880-byte blocks with an END card, big-endian values, data with or without their padding.
/// </summary>
internal static class FitsTestFiles
{
    public const int Block = 2880;

    public const string Source = "t.fits";

    /// <summary>A value card in the fixed format: <c>KEYWORD = value</c> with the value ending in column 30.</summary>
    public static string Card(string keyword, object value, string? comment = null)
    {
        var text = value switch
        {
            bool b => b ? "T" : "F",
            string s => s.StartsWith('\'') ? s.PadRight(20) : s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString()!,
        };
        var card = $"{keyword,-8}= {text,20}";
        return comment is null ? card : $"{card} / {comment}";
    }

    /// <summary>A quoted string value, <c>''</c> for a quote, padded to at least 8 characters.</summary>
    public static string Quoted(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal),-8}'";

    /// <summary>The cards, each padded to 80 characters, then END, padded with spaces to whole blocks.</summary>
    public static byte[] Header(params string[] cards)
    {
        var text = new StringBuilder();
        foreach (var card in cards.Append("END"))
        {
            Assert.True(card.Length <= 80, $"card longer than 80 characters: {card}");
            text.Append(card.PadRight(80));
        }

        var length = (text.Length + Block - 1) / Block * Block;
        return Encoding.ASCII.GetBytes(text.ToString().PadRight(length));
    }

    /// <summary>An empty primary HDU: SIMPLE = T, BITPIX = 8, NAXIS = 0.</summary>
    public static byte[] Primary() =>
        Header(Card("SIMPLE", true), Card("BITPIX", 8), Card("NAXIS", 0), Card("EXTEND", true));

    /// <summary>
    /// A BINTABLE header for columns given as (TTYPE, TFORM) pairs, NAXIS1 computed from the TFORMs unless given,
    /// then <paramref name="extra"/> cards (TSCALn, TNULLn, EXTNAME, …).
    /// </summary>
    public static byte[] TableHeader(int rows, (string Name, string Form)[] columns, long? rowLength = null,
        params string[] extra)
    {
        var width = rowLength ?? columns.Sum(c =>
        {
            Assert.True(FitsColumnFormat.TryParse(c.Form, out var f));
            return f.RowBytes;
        });
        var cards = new List<string>
        {
            Card("XTENSION", Quoted("BINTABLE")), Card("BITPIX", 8), Card("NAXIS", 2), Card("NAXIS1", width),
            Card("NAXIS2", rows), Card("PCOUNT", 0), Card("GCOUNT", 1), Card("TFIELDS", columns.Length),
        };
        for (var i = 0; i < columns.Length; i++)
        {
            cards.Add(Card($"TTYPE{i + 1}", Quoted(columns[i].Name)));
            cards.Add(Card($"TFORM{i + 1}", Quoted(columns[i].Form)));
        }

        return Header([.. cards, .. extra]);
    }

    /// <summary>The bytes padded with zeros to whole blocks.</summary>
    public static byte[] Padded(byte[] data)
    {
        var padded = new byte[(data.Length + Block - 1) / Block * Block];
        data.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>A whole file: empty primary HDU, the table header, the data padded.</summary>
    public static byte[] File(int rows, (string Name, string Form)[] columns, byte[] data, params string[] extra) =>
        [.. Primary(), .. TableHeader(rows, columns, null, extra), .. Padded(data)];

    public static FitsTable Read(byte[] file, FitsHduSelector? hdu = null) =>
        FitsReader.Read(new MemoryStream(file), hdu, Source);

    /// <summary>The bytes <see cref="FitsWriter"/> writes for the columns.</summary>
    public static byte[] Write(IReadOnlyList<FitsWriteColumn> columns, string? extensionName = null)
    {
        using var stream = new MemoryStream();
        FitsWriter.Write(stream, columns, extensionName);
        return stream.ToArray();
    }

    public static DataException Reject(byte[] file, FitsHduSelector? hdu = null) =>
        Assert.Throws<DataException>(() => Read(file, hdu));

    public static byte[] Hex(string hex) =>
        Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static byte[] I(params short[] values) => Be(values.Length * 2,
        (s, i) => BinaryPrimitives.WriteInt16BigEndian(s, values[i]), values.Length);

    public static byte[] J(params int[] values) => Be(values.Length * 4,
        (s, i) => BinaryPrimitives.WriteInt32BigEndian(s, values[i]), values.Length);

    public static byte[] K(params long[] values) => Be(values.Length * 8,
        (s, i) => BinaryPrimitives.WriteInt64BigEndian(s, values[i]), values.Length);

    public static byte[] E(params float[] values) => Be(values.Length * 4,
        (s, i) => BinaryPrimitives.WriteSingleBigEndian(s, values[i]), values.Length);

    public static byte[] D(params double[] values) => Be(values.Length * 8,
        (s, i) => BinaryPrimitives.WriteDoubleBigEndian(s, values[i]), values.Length);

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private delegate void WriteOne(Span<byte> destination, int index);

    private static byte[] Be(int length, WriteOne write, int count)
    {
        var bytes = new byte[length];
        var size = count == 0 ? 0 : length / count;
        for (var i = 0; i < count; i++)
        {
            write(bytes.AsSpan(i * size, size), i);
        }

        return bytes;
    }
}
