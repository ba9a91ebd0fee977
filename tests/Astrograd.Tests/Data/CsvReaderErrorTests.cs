using Astrograd.Data;

namespace Astrograd.Tests.Data;

// Bad inputs: each is one DataException whose message names where and what.
public class CsvReaderErrorTests
{
    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void Empty_input_is_no_data_rows(string text)
    {
        var error = Assert.Throws<DataException>(() => CsvReader.Parse(text, source: "empty.csv"));

        Assert.Contains("no data rows", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("empty.csv", error.Message, StringComparison.Ordinal);
        Assert.Equal("empty.csv", error.File);
    }

    [Fact]
    public void Only_comments_is_no_data_rows()
    {
        var error = Assert.Throws<DataException>(() => CsvReader.Parse("# nothing here\n"));

        Assert.Contains("no data rows", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ra,dec,z\n")]
    [InlineData("ra,dec,z")]
    [InlineData("ra,dec,z\r\n\r\n")]
    public void Header_only_is_no_data_rows(string text)
    {
        var error = Assert.Throws<DataException>(() => CsvReader.Parse(text, source: "h.csv"));

        Assert.Equal("h.csv: no data rows: only a header (line 1)", error.Message);
    }

    [Fact]
    public void Ragged_row_names_its_line()
    {
        var text = "a,b,c\n1,2,3\n4,5,6\n7,8\n";

        var error = Assert.Throws<DataException>(() => CsvReader.Parse(text, source: "r.csv"));

        Assert.Equal(4, error.Line);
        Assert.StartsWith("r.csv, line 4: expected 3 cells as on line 1, found 2", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Ragged_row_after_a_quoted_newline_names_the_physical_line()
    {
        var text = "a,b\n\"two\nlines\",1\n1,2,3\n";

        var error = Assert.Throws<DataException>(() => CsvReader.Parse(text));

        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Stray_text_in_a_numeric_column_names_line_column_and_text()
    {
        var text = "u,g\n23.1,22.0\n22.9,21.8\n19.5,oops\n";

        var error = Assert.Throws<DataException>(() => CsvReader.Parse(text, source: "mags.csv"));

        Assert.Equal("mags.csv", error.File);
        Assert.Equal(4, error.Line);
        Assert.Equal("g", error.Column);
        Assert.StartsWith("mags.csv, line 4, column 'g': expected a number", error.Message,
            StringComparison.Ordinal);
        Assert.Contains("found 'oops'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Unclosed_quote_names_the_line_it_opened_on()
    {
        var error = Assert.Throws<DataException>(() => CsvReader.Parse("a,b\n1,\"open\n2,3\n"));

        Assert.Equal(2, error.Line);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_in_a_long_file_stops_at_a_bound_instead_of_gathering_the_rest_of_the_file()
    {
        // 40 million characters of rows after the stray quote, never held at once by the test.
        using var text = new EndlessRows("a,b\n1,\"open\n", "2,3\n", 10_000_000);

        var error = Assert.Throws<DataException>(() => CsvReader.Read(text, source: "big.csv"));

        Assert.Equal("big.csv, line 2: a quoted cell opened on line 2 runs on for more than 16777216 characters " +
            "without its closing quote (is a quote missing?)", error.Message);
        Assert.True(text.Served < 40_000_000, $"read {text.Served} characters");
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        var error = Assert.Throws<DataException>(() => CsvReader.Parse("a,b\n\"x\"y,1\n"));

        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Repeated_header_name_is_an_error()
    {
        var error = Assert.Throws<DataException>(() => CsvReader.Parse("u,g,u\n1,2,3\n"));

        Assert.Contains("'u' twice (columns 0 and 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_number_of_given_column_names_is_an_error()
    {
        var options = new CsvOptions { ColumnNames = ["a"] };

        var error = Assert.Throws<DataException>(() => CsvReader.Parse("1,2\n", options));

        Assert.Contains("gives 1 names, the records have 2 cells", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_text_column_option_lists_the_columns()
    {
        var options = new CsvOptions { TextColumns = [ColumnRef.Parse("id")] };

        var error = Assert.Throws<DataException>(() => CsvReader.Parse("a,b\n1,2\n", options));

        Assert.Contains("available columns: a, b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_data_exception_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"astrograd-missing-{Guid.NewGuid():N}.csv");

        var error = Assert.Throws<DataException>(() => CsvReader.ReadFile(path));

        Assert.Equal(path, error.File);
    }

    [Fact]
    public void Binary_content_is_refused()
    {
        var error = Assert.Throws<DataException>(() => CsvReader.Parse("SIMPLE\0\0\0=T\n"));

        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>A header, then one row repeated <c>count</c> times, produced as it is read.</summary>
internal sealed class EndlessRows(string head, string row, long count) : TextReader
{
    private string _pending = head;
    private int _at;
    private long _left = count;

    public long Served { get; private set; }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_at == _pending.Length)
            {
                if (_left-- <= 0)
                {
                    break;
                }

                (_pending, _at) = (row, 0);
            }

            var n = Math.Min(buffer.Length - written, _pending.Length - _at);
            _pending.AsSpan(_at, n).CopyTo(buffer[written..]);
            (_at, written) = (_at + n, written + n);
        }

        Served += written;
        return written;
    }
}
