using Astrograd.Data;

namespace Astrograd.Tests.Data;

// Standardizer.Transform straight from a table's columns: the path training and prediction take, which must give
// the numbers of the copying path it replaced (copy the rows, row-major doubles, then transform).
public class StandardizerTableTests
{
    private static readonly DataTable _table = new([
        DataColumn.Numeric("a", [1.0, -2.5, 3.25, 1e-3]),
        DataColumn.Text("label", ["x", "y", "x", "y"]),
        DataColumn.Numeric("b", [10.0, 20.0, 15.5, 12.0]),
    ]);

    [Fact]
    public void Transform_of_chosen_rows_matches_copying_the_rows_first()
    {
        // Arrange
        int[] features = [2, 0];
        int[] rows = [3, 0, 3, 1];
        var scaler = Standardizer.Fit(_table, features, [0, 1, 2]);
        var copied = _table.SelectRows(rows).ToRowMajor(features);
        var expected = new float[copied.Length];
        scaler.Transform(copied, expected);

        // Act
        var actual = new float[rows.Length * features.Length];
        scaler.Transform(_table, features, rows, actual);

        // Assert
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Transform_of_all_rows_takes_them_in_table_order()
    {
        var scaler = Standardizer.Fit(_table, [0], [0, 1, 2, 3]);
        var expected = new float[4];
        scaler.Transform(_table.ToRowMajor([0]), expected);

        var actual = new float[4];
        scaler.Transform(_table, [0], null, actual);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Transform_of_a_text_column_is_refused_as_the_row_major_copy_refuses_it()
    {
        var scaler = Standardizer.Fit(_table, [0], [0, 1]);

        var error = Assert.Throws<DataException>(() => scaler.Transform(_table, [1], null, new float[4]));

        Assert.Contains("expected a numeric column, found text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_names_the_first_non_finite_value_in_row_order()
    {
        var table = new DataTable([
            DataColumn.Numeric("a", [1.0, 2.0, double.NaN]),
            DataColumn.Numeric("b", [1.0, double.PositiveInfinity, 3.0]),
        ]);
        var scaler = Standardizer.Fit(table, [0, 1], [0]);

        var error = Assert.Throws<DataException>(() => scaler.Transform(table, [0, 1], [0, 2, 1], new float[6]));

        Assert.Contains("row 1 holds NaN", error.Message, StringComparison.Ordinal);
        Assert.Equal("a", error.Column);
    }

    [Fact]
    public void Transform_with_a_destination_of_the_wrong_length_is_refused()
    {
        var scaler = Standardizer.Fit(_table, [0], [0, 1]);

        Assert.Throws<ArgumentException>(() => scaler.Transform(_table, [0], [0, 1], new float[3]));
    }
}
