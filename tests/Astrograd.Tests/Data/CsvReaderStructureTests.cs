using System.Text;
using Astrograd.Data;

namespace Astrograd.Tests.Data;

// Case F7 of cases.md (CSV structure), and the header, delimiter and line-end rules of CsvReader.
public class CsvReaderStructureTests
{
    [Fact]
    public void F7_utf8_bom_leaves_the_first_column_named_exactly_ra()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("ra,dec,z\n10.5,-3.25,0.1\n"));
        using var stream = new MemoryStream([.. bytes]);

        var table = CsvReader.Read(stream);

        Assert.Equal(["ra", "dec", "z"], table.ColumnNames);
        Assert.Equal(10.5, table["ra"].Numbers[0]);
    }

    [Fact]
    public void F7_bom_in_a_text_reader_is_removed_too()
    {
        var table = CsvReader.Parse("\uFEFFra,dec\n1,2\n");

        Assert.Equal("ra", table.ColumnNames[0]);
    }

    [Fact]
    public void F7_quoted_comma_stays_in_one_field()
    {
        var table = CsvReader.Parse("name,ra,z\n\"NGC 224, M31\",10.68,0.001\n");

        Assert.Equal(3, table.ColumnCount);
        Assert.Equal("NGC 224, M31", table["name"].Texts[0]);
        Assert.Equal(10.68, table["ra"].Numbers[0]);
        Assert.Equal(0.001, table["z"].Numbers[0]);
    }

    [Fact]
    public void F7_headerless_quoted_comma_record_is_three_fields()
    {
        var table = CsvReader.Parse("\"NGC 224, M31\",10.68,0.001\n", new CsvOptions { HasHeader = false });

        Assert.Equal(3, table.ColumnCount);
        Assert.Equal(1, table.RowCount);
        Assert.Equal("NGC 224, M31", table["col0"].Texts[0]);
    }

    [Fact]
    public void F7_doubled_quote_inside_quotes_is_one_quote()
    {
        var table = CsvReader.Parse("\"says \"\"hi\"\"\",1,2\n", new CsvOptions { HasHeader = false });

        Assert.Equal("says \"hi\"", table[0].Texts[0]);
        Assert.Equal(1.0, table[1].Numbers[0]);
        Assert.Equal(2.0, table[2].Numbers[0]);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void F7_quoted_newline_stays_inside_one_record(string newline)
    {
        var text = $"note,x{newline}\"first line{newline}second line\",1{newline}plain,2{newline}";

        var table = CsvReader.Parse(text);

        Assert.Equal(2, table.RowCount);
        Assert.Equal("first line\nsecond line", table["note"].Texts[0]);
        Assert.Equal([1.0, 2.0], table["x"].Numbers.ToArray());
    }

    [Theory]
    [InlineData("a,b\n1,2\n\n")]
    [InlineData("a,b\r\n1,2\r\n\r\n")]
    [InlineData("a,b\r1,2\r\r")]
    public void F7_trailing_blank_line_gives_one_row_and_no_carriage_return(string text)
    {
        var table = CsvReader.Parse(text);

        Assert.Equal(1, table.RowCount);
        Assert.Equal(["a", "b"], table.ColumnNames);
        Assert.Equal(2.0, table["b"].Numbers[0]);
        Assert.DoesNotContain(table.ColumnNames, n => n.Contains('\r'));
    }

    [Fact]
    public void F7_crlf_text_labels_carry_no_carriage_return()
    {
        var table = CsvReader.Parse("x,class\r\n1,STAR\r\n2,QSO\r\n\r\n");

        Assert.Equal(["STAR", "QSO"], table["class"].Texts.ToArray());
    }

    [Fact]
    public void CR_only_line_ends_as_in_the_HTRU2_arff_are_records()
    {
        var text = "140.5625,55.68378214,0\r102.5078125,58.88243001,0\r103.015625,39.34164944,1";

        var table = CsvReader.Parse(text);

        Assert.Equal(3, table.RowCount);
        Assert.Equal(["col0", "col1", "col2"], table.ColumnNames);
        Assert.Equal([0.0, 0.0, 1.0], table["col2"].Numbers.ToArray());
    }

    [Fact]
    public void Whitespace_runs_are_a_delimiter_when_no_other_is_present()
    {
        var table = CsvReader.Parse("  ra    dec  z\n 1.0  2.0   3.0  \n4 5 6\n");

        Assert.Equal(CsvDelimiter.Whitespace, CsvTokenizer.DetectDelimiter("ra    dec  z"));
        Assert.Equal(["ra", "dec", "z"], table.ColumnNames);
        Assert.Equal([3.0, 6.0], table["z"].Numbers.ToArray());
    }

    [Theory]
    [InlineData("a;b;c\n1;2;3\n")]
    [InlineData("a\tb\tc\n1\t2\t3\n")]
    [InlineData("a,b,c\n1,2,3\n")]
    public void Semicolon_tab_and_comma_are_detected(string text)
    {
        var table = CsvReader.Parse(text);

        Assert.Equal(["a", "b", "c"], table.ColumnNames);
        Assert.Equal(3.0, table["c"].Numbers[0]);
    }

    [Fact]
    public void A_given_delimiter_overrides_detection()
    {
        var table = CsvReader.Parse("a;b,c\n1;2,5\n", new CsvOptions { Delimiter = CsvDelimiter.Semicolon });

        Assert.Equal(["a", "b,c"], table.ColumnNames);
        Assert.Equal(ColumnKind.Text, table["b,c"].Kind);
    }

    [Fact]
    public void Empty_cells_in_tab_separated_text_are_missing()
    {
        var table = CsvReader.Parse("a\tb\tc\n1\t\t3\n");

        Assert.True(double.IsNaN(table["b"].Numbers[0]));
    }

    [Fact]
    public void Headerless_numeric_file_gets_col_names()
    {
        var table = CsvReader.Parse("1,2\n3,4\n");

        Assert.Equal(["col0", "col1"], table.ColumnNames);
        Assert.Equal(2, table.RowCount);
    }

    [Fact]
    public void First_record_with_only_numbers_and_missing_spellings_is_data()
    {
        var table = CsvReader.Parse("1,nan,\n3,4,5\n");

        Assert.Equal(2, table.RowCount);
        Assert.True(double.IsNaN(table["col1"].Numbers[0]));
        Assert.True(double.IsNaN(table["col2"].Numbers[0]));
    }

    [Fact]
    public void Comment_lines_are_skipped_anywhere()
    {
        var table = CsvReader.Parse("# made by a pipeline\nx,y\n1,2\n  # a note\n3,4\n");

        Assert.Equal(2, table.RowCount);
        Assert.Equal([2.0, 4.0], table["y"].Numbers.ToArray());
    }

    [Fact]
    public void Comment_line_with_as_many_names_as_cells_is_the_header()
    {
        var table = CsvReader.Parse("# ra dec z\n1.5 2.5 0.3\n4 5 0.6\n");

        Assert.Equal(["ra", "dec", "z"], table.ColumnNames);
        Assert.Equal(2, table.RowCount);
    }

    [Fact]
    public void Annz_comment_header_with_semicolons_and_type_prefixes_names_comma_data()
    {
        var table = CsvReader.Parse("#F:MAG_U;F:MAGERR_U;D:Z\n22.7,0.93,0.66\n21.8,0.39,0.25\n");

        Assert.Equal(["MAG_U", "MAGERR_U", "Z"], table.ColumnNames);
        Assert.Equal([0.66, 0.25], table["Z"].Numbers.ToArray());
    }

    [Fact]
    public void Comment_that_does_not_fit_the_cell_count_is_only_a_comment()
    {
        var table = CsvReader.Parse("# generated 2024 by survey tools\n1,2\n");

        Assert.Equal(["col0", "col1"], table.ColumnNames);
    }

    [Fact]
    public void HasHeader_false_keeps_a_text_first_record_as_data()
    {
        var table = CsvReader.Parse("STAR,1\nQSO,2\n", new CsvOptions { HasHeader = false });

        Assert.Equal(2, table.RowCount);
        Assert.Equal(["STAR", "QSO"], table["col0"].Texts.ToArray());
    }

    [Fact]
    public void Column_names_option_names_a_headerless_file()
    {
        var table = CsvReader.Parse("1,2\n", new CsvOptions { ColumnNames = ["ra", "dec"] });

        Assert.Equal(["ra", "dec"], table.ColumnNames);
    }

    [Fact]
    public void Text_column_keeps_labels_and_numeric_columns_parse()
    {
        var table = CsvReader.Parse("u,class\n23.9,GALAXY\n19.4,STAR\n20.1,QSO\n");

        Assert.Equal(ColumnKind.Numeric, table["u"].Kind);
        Assert.Equal(ColumnKind.Text, table["class"].Kind);
        Assert.Equal(["GALAXY", "STAR", "QSO"], table["class"].Texts.ToArray());
    }

    [Fact]
    public void Leading_missing_cells_wait_for_the_column_kind()
    {
        var table = CsvReader.Parse("x,label\n1,\n2,nan\n3,STAR\n");

        Assert.Equal(ColumnKind.Text, table["label"].Kind);
        Assert.Equal(["", "", "STAR"], table["label"].Texts.ToArray());
    }

    [Fact]
    public void Text_columns_option_keeps_numeric_identifiers_as_text()
    {
        var options = new CsvOptions { TextColumns = [ColumnRef.Parse("id")] };

        var table = CsvReader.Parse("id,x\n007,1\nA12,2\n", options);

        Assert.Equal(["007", "A12"], table["id"].Texts.ToArray());
    }

    [Fact]
    public void All_missing_column_is_numeric_nan()
    {
        var table = CsvReader.Parse("a,b\n1,\n2,\n");

        Assert.Equal(ColumnKind.Numeric, table["b"].Kind);
        Assert.All(table["b"].Numbers.ToArray(), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Spaces_around_unquoted_cells_are_trimmed_but_quoted_spaces_kept()
    {
        var table = CsvReader.Parse("name , x\n\" padded \" , 1 \n");

        Assert.Equal(["name", "x"], table.ColumnNames);
        Assert.Equal(" padded ", table["name"].Texts[0]);
        Assert.Equal(1.0, table["x"].Numbers[0]);
    }

    [Fact]
    public void Missing_sentinel_option_turns_sentinel_values_into_nan()
    {
        var table = CsvReader.Parse("u\n-9999\n-9.999e3\n-9999.5\n", new CsvOptions { MissingSentinel = -9999 });

        var u = table["u"].Numbers.ToArray();
        Assert.True(double.IsNaN(u[0]));
        Assert.True(double.IsNaN(u[1]));
        Assert.Equal(-9999.5, u[2]);
    }

    [Fact]
    public void Reading_streams_through_records_longer_than_the_buffer()
    {
        // Many rows and one very long quoted cell cross the 64 Ki read buffer several times.
        var text = new StringBuilder("id,note\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(i).Append(",n").Append(i).Append('\n');
        }

        var longCell = new string('x', 200_000);
        text.Append("20000,\"").Append(longCell).Append("\"\n");

        var table = CsvReader.Parse(text.ToString());

        Assert.Equal(20_001, table.RowCount);
        Assert.Equal(19_999.0, table["id"].Numbers[19_999]);
        Assert.Equal("n12345", table["note"].Texts[12_345]);
        Assert.Equal(longCell, table["note"].Texts[20_000]);
    }
}
