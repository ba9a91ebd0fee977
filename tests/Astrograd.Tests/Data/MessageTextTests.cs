using System.Globalization;
using System.Text;
using Astrograd.Data;
using Astrograd.Tests.Cli;

namespace Astrograd.Tests.Data;

/// <summary>Lists and cells in messages are cut short: a message is one line of a few hundred characters at most,
/// however many classes, columns or characters the data hold.</summary>
public sealed class MessageTextTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void A_list_shows_its_first_items_and_counts_the_rest()
    {
        string[] seven = ["a", "b", "c", "d", "e", "f", "g"];

        Assert.Equal("a, b, c, d, e and 2 more", MessageText.List(seven));
        Assert.Equal("a, b and 5 more columns", MessageText.List(seven, 2, "columns"));
        Assert.Equal("a, b, c, d, e, f", MessageText.List(seven[..6]));
        Assert.Equal(string.Empty, MessageText.List([]));
    }

    [Fact]
    public void A_long_cell_is_quoted_by_its_start_and_length()
    {
        var cell = new string('x', 5000);

        Assert.Equal(new string('x', 60) + "… (5000 characters)", MessageText.Cell(cell));
        Assert.Equal("abc", MessageText.Cell("abc"));
    }

    [Fact]
    public void Multiclass_on_a_float_column_names_a_few_classes_that_are_too_small()
    {
        var sb = new StringBuilder("a,b,x\n");
        var rng = new Rng(3);
        for (var i = 0; i < 600; i++)
        {
            var a = rng.NextNormal();
            sb.Append(CultureInfo.InvariantCulture, $"{a:F3},{rng.NextNormal():F3},{(2 * a) + rng.NextNormal():F2}\n");
        }

        var data = _work.Write("reg.csv", sb.ToString());

        var result = CliHarness.Run("train", "--data", data, "--target", "x", "--task", "multiclass",
            "--out", _work.PathOf("run"));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.InRange(line.Length, 100, 500);
        Assert.Matches(@"too few rows to split class ('[^']+' \(1 member, 3 needed\), ){4}'[^']+' \(1 member, 3 " +
            @"needed\) and \d+ more: each class needs", line);
    }

    [Fact]
    public void Missing_values_in_many_columns_name_the_first_few()
    {
        var header = string.Join(',', Enumerable.Range(0, 40).Select(c => $"f{c}")) + ",y\n";
        var rows = string.Concat(Enumerable.Range(0, 30).Select(r =>
            string.Join(',', Enumerable.Range(0, 40).Select(c => c == r % 40 ? "nan" : "1")) + $",{r % 2}\n"));
        var table = CsvReader.Parse(header + rows, source: "wide.csv");

        var text = MissingCells.Count(table, [.. Enumerable.Range(0, 40)], []).ToString();

        Assert.StartsWith("1 in 'f0' (1 NaN; data row 1), 1 in 'f1' (1 NaN; data row 2)", text,
            StringComparison.Ordinal);
        Assert.EndsWith(" and 25 more columns; 30 rows affected", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_column_of_a_wide_table_lists_ten_names()
    {
        var table = CsvReader.Parse(string.Join(',', Enumerable.Range(0, 300).Select(c => $"c{c}")) + "\n" +
            string.Join(',', Enumerable.Range(0, 300).Select(c => "1")) + "\n", source: "wide.csv");

        var e = Assert.Throws<DataException>(() => table.IndexOf(ColumnRef.FromName("nope")));

        Assert.EndsWith("available columns: c0, c1, c2, c3, c4, c5, c6, c7, c8, c9 and 290 more", e.Message,
            StringComparison.Ordinal);
    }
}
