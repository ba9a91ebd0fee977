using System.Globalization;
using System.Text;
using Astrograd.Data;
using CsCheck;

namespace Astrograd.Tests.Data;

public class CsvRoundTripPropertyTests
{
    private static readonly string[] _delimiters = [",", ";", "\t", "   "];
    private static readonly string[] _lineEnds = ["\n", "\r\n", "\r"];

    [Fact]
    public void Random_tables_written_with_R_format_read_back_to_the_same_bits()
    {
        var gen =
            from rows in Gen.Int[1, 30]
            from columns in Gen.Int[1, 6]
            from values in Gen.Double.Array[rows * columns]
            from delimiter in Gen.Int[0, _delimiters.Length - 1]
            from lineEnd in Gen.Int[0, _lineEnds.Length - 1]
            from finalNewline in Gen.Bool
            select (rows, columns, values, delimiter, lineEnd, finalNewline);

        gen.Sample(t =>
        {
            var (rows, columns, values, d, e, finalNewline) = t;
            var text = Write(rows, columns, values, _delimiters[d], _lineEnds[e], finalNewline);

            var table = CsvReader.Parse(text);

            Assert.Equal(rows, table.RowCount);
            Assert.Equal(columns, table.ColumnCount);
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    var expected = values[(r * columns) + c];
                    var actual = table[c].Numbers[r];
                    Assert.True(double.IsNaN(expected) ? double.IsNaN(actual)
                        : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
                        $"row {r}, column {c}: wrote {expected:R}, read {actual:R}");
                }
            }
        });
    }

    private static string Write(int rows, int columns, double[] values, string delimiter, string lineEnd,
        bool finalNewline)
    {
        var text = new StringBuilder();
        text.AppendJoin(delimiter, Enumerable.Range(0, columns).Select(c => $"c{c}"));
        for (var r = 0; r < rows; r++)
        {
            text.Append(lineEnd);
            var row = Enumerable.Range(0, columns)
                .Select(c => values[(r * columns) + c].ToString("R", CultureInfo.InvariantCulture));
            text.AppendJoin(delimiter, row);
        }

        return finalNewline ? text.Append(lineEnd).ToString() : text.ToString();
    }
}
