using System.Globalization;
using System.Text;
using Astrograd.Data;
using CsCheck;

namespace Astrograd.Tests.Data;

// The reader holds one buffer at a time: records, quotes and CRLF pairs cut at any buffer boundary
// must read the same as when whole.
public class CsvReaderBufferTests
{
    private static readonly string[] _lineEnds = ["\n", "\r\n", "\r"];

    [Fact]
    public void Quoted_text_tables_read_the_same_when_delivered_a_few_characters_at_a_time()
    {
        var cell = Gen.String["ab ,;\"\r\nx"].Select(s => "k" + s);
        var gen =
            from rows in Gen.Int[1, 8]
            from columns in Gen.Int[1, 4]
            from cells in cell.Array[rows * columns]
            from numbers in Gen.Int[-1000, 1000].Array[rows]
            from lineEnd in Gen.Int[0, _lineEnds.Length - 1]
            from piece in Gen.Int[1, 7]
            select (rows, columns, cells, numbers, lineEnd, piece);

        gen.Sample(t =>
        {
            var (rows, columns, cells, numbers, e, piece) = t;
            var text = WriteQuoted(rows, columns, cells, numbers, _lineEnds[e]);

            var table = CsvReader.Read(new TricklingReader(text, piece));

            Assert.Equal(rows, table.RowCount);
            for (var r = 0; r < rows; r++)
            {
                Assert.Equal(numbers[r], table["n"].Numbers[r]);
                for (var c = 0; c < columns; c++)
                {
                    var expected = cells[(r * columns) + c].Replace("\r\n", "\n", StringComparison.Ordinal)
                        .Replace('\r', '\n');
                    Assert.Equal(expected, table[$"h{c}"].Texts[r]);
                }
            }
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Crlf_split_across_reads_counts_one_line(int piece)
    {
        var text = "a,b\r\n1,2\r\n3,4\r\n5\r\n";

        var error = Assert.Throws<DataException>(() => CsvReader.Read(new TricklingReader(text, piece)));

        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Carriage_return_at_the_end_of_the_read_buffer_is_joined_with_its_line_feed()
    {
        // The first 65,536 characters (one buffer) end in '\r'; the '\n' arrives with the next read.
        var head = new StringBuilder("x\r\n");
        while (head.Length < (1 << 16) - 8)
        {
            head.Append("1\r\n");
        }

        head.Append(new string('7', (1 << 16) - 1 - head.Length)).Append('\r');
        var text = head + "\n8\r\n";

        var table = CsvReader.Parse(text);

        Assert.Equal("\r\n", text.Substring((1 << 16) - 1, 2));
        Assert.Equal(8.0, table["x"].Numbers[^1]);
        Assert.Equal(table.RowCount, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public void Short_decimal_fast_path_gives_the_same_bits_as_double_parse()
    {
        var gen =
            from digits in Gen.String["0123456789"].Where(s => s.Length is > 0 and <= 20)
            from point in Gen.Int[0, 20]
            from exponent in Gen.Int[-30, 30]
            from sign in Gen.Int[0, 2]
            from style in Gen.Int[0, 2]
            select (digits, point, exponent, sign, style);

        gen.Sample(t =>
        {
            var (digits, point, exponent, sign, style) = t;
            var at = Math.Min(point, digits.Length);
            var text = (sign == 0 ? "" : sign == 1 ? "-" : "+") + digits[..at] + "." + digits[at..]
                + (style == 0 ? "" : style == 1 ? $"e{exponent}" : $"E{exponent:+0;-0}");

            var kind = NumberText.Classify(text, out var value);

            var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.Equal(CellKind.Number, kind);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
        });
    }

    private static string WriteQuoted(int rows, int columns, string[] cells, int[] numbers, string lineEnd)
    {
        var text = new StringBuilder();
        text.AppendJoin(",", Enumerable.Range(0, columns).Select(c => $"h{c}")).Append(",n").Append(lineEnd);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                text.Append('"').Append(cells[(r * columns) + c].Replace("\"", "\"\"", StringComparison.Ordinal))
                    .Append("\",");
            }

            text.Append(numbers[r].ToString(CultureInfo.InvariantCulture)).Append(lineEnd);
        }

        return text.ToString();
    }

    // Hands out at most `piece` characters per Read call, as a slow pipe or network stream might.
    private sealed class TricklingReader(string text, int piece) : TextReader
    {
        private int _at;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(Math.Min(piece, count), text.Length - _at);
            text.CopyTo(_at, buffer, index, n);
            _at += n;
            return n;
        }
    }
}
