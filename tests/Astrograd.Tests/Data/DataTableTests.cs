using Astrograd.Data;

namespace Astrograd.Tests.Data;

public class DataTableTests
{
    private static DataTable Stars() => CsvReader.Parse(
        "ra,dec,u,class\n10,1,23.5,STAR\n20,2,nan,QSO\n30,3,inf,GALAXY\n40,4,-inf,\n50,5,21.0,STAR\n",
        source: "stars.csv");

    [Fact]
    public void Columns_keep_file_order_and_count_rows()
    {
        var table = Stars();

        Assert.Equal(["ra", "dec", "u", "class"], table.ColumnNames);
        Assert.Equal(5, table.RowCount);
        Assert.Equal(4, table.ColumnCount);
    }

    [Fact]
    public void Lookup_by_name_is_exact_and_case_sensitive()
    {
        var table = Stars();

        Assert.Equal(10.0, table["ra"].Numbers[0]);
        var error = Assert.Throws<DataException>(() => table["RA"]);
        Assert.Contains("did you mean 'ra'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_column_error_lists_the_available_columns()
    {
        var table = Stars();

        var error = Assert.Throws<DataException>(() => table["redshift"]);

        Assert.Equal("stars.csv, column 'redshift': no column named 'redshift'; available columns: ra, dec, u, class",
            error.Message);
        Assert.Equal("redshift", error.Column);
    }

    [Fact]
    public void Column_ref_parses_digits_as_index_and_other_text_as_name()
    {
        var table = Stars();

        Assert.Equal(2, table.IndexOf(ColumnRef.Parse("2")));
        Assert.Equal(1, table.IndexOf(ColumnRef.Parse("dec")));
        Assert.Equal(3, table.IndexOf(ColumnRef.Parse(" 3 ")));
        Assert.Equal(2, ColumnRef.Parse("2").Index);
        Assert.Null(ColumnRef.Parse("ra").Index);
    }

    [Fact]
    public void Column_ref_prefers_an_exact_name_over_an_index()
    {
        var table = CsvReader.Parse("x,0,y\n1,2,3\n");

        Assert.Equal(1, table.IndexOf(ColumnRef.Parse("0")));
        Assert.Equal(0, table.IndexOf(ColumnRef.FromIndex(0)));
    }

    [Fact]
    public void Index_out_of_range_gives_the_valid_range()
    {
        var table = Stars();

        var error = Assert.Throws<DataException>(() => table.IndexOf(ColumnRef.Parse("9")));

        Assert.Contains("no column 9: the table has 4 columns (0..3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectRows_takes_rows_in_the_given_order()
    {
        var table = Stars();

        var picked = table.SelectRows([4, 0, 0]);

        Assert.Equal([50.0, 10.0, 10.0], picked["ra"].Numbers.ToArray());
        Assert.Equal(["STAR", "STAR", "STAR"], picked["class"].Texts.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => table.SelectRows([5]));
    }

    [Fact]
    public void CountMissing_counts_nan_and_each_infinity_per_column()
    {
        var table = Stars();

        var report = table.CountMissing([ColumnRef.Parse("u"), ColumnRef.Parse("ra")]);

        var u = report.Columns[0];
        Assert.Equal(("u", 1, 1, 1), (u.Name, u.NaN, u.PositiveInfinity, u.NegativeInfinity));
        Assert.Equal(0, report.Columns[1].Total);
        Assert.Equal(3, report.TotalCells);
        Assert.Equal(3, report.RowsAffected);
        Assert.Equal("NaN or Inf cells: 3 in 'u' (1 NaN, 1 +Inf, 1 -Inf); 3 rows affected", report.ToString());
    }

    [Fact]
    public void CountMissing_of_all_columns_counts_empty_labels()
    {
        var report = Stars().CountMissing();

        Assert.Equal(1, report.Columns[3].EmptyText);
        Assert.Equal(4, report.TotalCells);
        Assert.Equal(3, report.RowsAffected);
    }

    [Fact]
    public void DropRowsWithMissing_keeps_rows_finite_in_the_chosen_columns()
    {
        var table = Stars();

        var kept = table.DropRowsWithMissing([ColumnRef.Parse("u")], out var dropped);

        Assert.Equal(3, dropped);
        Assert.Equal([10.0, 50.0], kept["ra"].Numbers.ToArray());
        Assert.False(kept.CountMissing().Any);
        Assert.Equal("no NaN or Inf cells", kept.CountMissing().ToString());
    }

    [Fact]
    public void ToRowMajor_lays_out_rows_of_the_chosen_columns()
    {
        var table = Stars();

        var matrix = table.ToRowMajor([1, 0]);

        Assert.Equal([1.0, 10, 2, 20, 3, 30, 4, 40, 5, 50], matrix);
    }

    [Fact]
    public void ToRowMajor_of_a_text_column_names_it()
    {
        var error = Assert.Throws<DataException>(() => Stars().ToRowMajor([3]));

        Assert.Equal("class", error.Column);
    }

    [Fact]
    public void Constructor_refuses_unequal_lengths_and_repeated_names()
    {
        var a = DataColumn.Numeric("a", [1.0, 2.0]);

        Assert.Throws<ArgumentException>(() => new DataTable([a, DataColumn.Numeric("b", [1.0])]));
        Assert.Throws<ArgumentException>(() => new DataTable([a, DataColumn.Numeric("a", [3.0, 4.0])]));
    }

    [Fact]
    public void Text_column_refuses_number_access_with_a_hint()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Stars()["class"].Numbers.Length);

        Assert.Contains("LabelEncoder", error.Message, StringComparison.Ordinal);
    }
}
