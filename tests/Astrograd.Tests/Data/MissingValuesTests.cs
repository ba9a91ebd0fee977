using Astrograd.Data;

namespace Astrograd.Tests.Data;

/// <summary>Sentinels, missing-cell counts, the median imputer, colours and deferred cell faults.</summary>
public sealed class MissingValuesTests
{
    private static DataTable Table(string csv) => CsvReader.Parse(csv, source: "t.csv");

    [Fact]
    public void A_sentinel_matches_as_a_double_and_as_float32_for_values_a_float32_holds()
    {
        Assert.True(Sentinels.Matches(-9999, [-9999]));
        Assert.True(Sentinels.Matches((float)-99.99, [-99.99]));
        Assert.False(Sentinels.Matches(-99.990001, [-99.99]));
        Assert.True(Sentinels.Matches(-99, [-9999, -99]));
        Assert.False(Sentinels.Matches(double.NaN, [-9999]));
    }

    [Fact]
    public void Sentinels_become_NaN_in_the_chosen_columns_only()
    {
        var table = Table("a,b\n-9999,-9999\n1,2\n");

        var replaced = Sentinels.Replace(table, [0], [-9999]);

        Assert.True(double.IsNaN(replaced["a"].Numbers[0]));
        Assert.Equal(-9999, replaced["b"].Numbers[0]);
        Assert.Same(table, Sentinels.Replace(table, [0], []));
    }

    [Fact]
    public void Missing_cells_are_counted_by_kind_with_their_first_data_rows()
    {
        var table = Table("u,g,class\nnan,1,A\n2,inf,\n-9999,3,B\n4,5,A\n");

        var missing = MissingCells.Count(table, [0, 1, 2], [-9999]);

        Assert.Equal(3, missing.RowsAffected);
        Assert.Equal([0, 1, 2], missing.Rows);
        Assert.Equal("2 in 'u' (1 NaN, 1 sentinel; data rows 1, 3), 1 in 'g' (1 ±Inf; data row 2), " +
            "1 in 'class' (1 empty; data row 2); 3 rows affected", missing.ToString());
    }

    [Fact]
    public void Only_the_first_five_rows_of_a_column_are_listed()
    {
        var table = Table("u\n" + string.Concat(Enumerable.Repeat("nan\n", 7)) + "1\n");

        var text = MissingCells.Count(table, [0], []).ToString();

        Assert.Equal("7 in 'u' (7 NaN; data rows 1, 2, 3, 4, 5, …); 7 rows affected", text);
    }

    [Theory]
    [InlineData(new double[] { 3, 1, 2 }, 2)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new double[] { 7 }, 7)]
    public void The_median_is_the_middle_value_or_the_mean_of_the_two_middle_ones(double[] values, double median)
    {
        Assert.Equal(median, Imputer.Median([.. values]));
    }

    [Fact]
    public void The_imputer_takes_medians_of_the_training_rows_only_and_flags_features_missing_there()
    {
        // Rows 0..3 train; row 4 (100) and row 5 (NaN in b) are held out.
        var table = Table("a,b\n1,nan\n2,10\n3,20\n4,30\n100,40\n5,nan\n");

        var imputer = Imputer.Fit(table, [0, 1], [0, 1, 2, 3]);
        var filled = imputer.Apply(table, out var count);

        Assert.Equal([2.5, 20], imputer.Medians);
        Assert.Equal([false, true], imputer.HasIndicator);
        Assert.Equal(["b_missing"], imputer.IndicatorNames);
        Assert.Equal(2, count);
        Assert.Equal([20.0, 10, 20, 30, 40, 20], filled["b"].Numbers.ToArray());
        Assert.Equal([1.0, 0, 0, 0, 0, 1], filled["b_missing"].Numbers.ToArray());
    }

    [Fact]
    public void A_feature_without_any_training_value_cannot_be_imputed()
    {
        var table = Table("a,b\nnan,1\nnan,2\n3,3\n");

        var e = Assert.Throws<DataException>(() => Imputer.Fit(table, [0], [0, 1]));

        Assert.Equal("t.csv, column 'a': --on-missing impute: feature 'a' has no value in any of the 2 training " +
            "rows, so there is no median to fill it with; leave it out of --features", e.Message);
    }

    [Fact]
    public void Colours_are_differences_of_neighbouring_bands_and_missing_magnitudes_give_missing_colours()
    {
        var table = Table("u,g,r\n20,19,18.5\nnan,19,18\n21,inf,18\n");

        var colors = ColorFeatures.Of(["u", "g", "r"]);
        var derived = colors.AddTo(table);

        Assert.Equal(["u-g", "g-r"], colors.Names);
        Assert.Equal(1, derived["u-g"].Numbers[0]);
        Assert.Equal(0.5, derived["g-r"].Numbers[0]);
        Assert.True(double.IsNaN(derived["u-g"].Numbers[1]));
        Assert.Equal(1, derived["g-r"].Numbers[1]);
        Assert.True(double.IsNaN(derived["u-g"].Numbers[2]));
        Assert.True(double.IsNaN(derived["g-r"].Numbers[2]));
    }

    [Fact]
    public void A_band_that_is_text_or_a_colour_name_already_taken_is_refused()
    {
        var text = Assert.Throws<DataException>(() => ColorFeatures.Of(["u", "g"]).AddTo(Table("u,g\n1,A\n")));
        var taken = Assert.Throws<DataException>(() => ColorFeatures.Of(["u", "g"])
            .AddTo(Table("u,g,u-g\n1,2,3\n")));

        Assert.Equal("t.csv, column 'g': --colors: magnitude column 'g' holds text; magnitudes must be numbers",
            text.Message);
        Assert.Contains("already has a column named 'u-g'", taken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deferred_faults_keep_a_stray_word_with_its_column_instead_of_refusing_the_file()
    {
        var options = new CsvOptions { DeferCellFaults = true };

        var table = CsvReader.Parse("a,b,c\n1,2,0\n3,abc,1\n5,oops,1\n", options, "t.csv");
        var e = Assert.Throws<DataException>(() => CellFault.ThrowIfAny(table["b"], table.Source));

        Assert.Null(table["a"].Fault);
        Assert.Equal(2, table["b"].Fault!.Count);
        Assert.True(double.IsNaN(table["b"].Numbers[1]));
        Assert.Equal("t.csv, line 3, column 'b': expected a number (the column is numeric from line 2), found " +
            "'abc'; fix the cell, or leave it empty or NaN to mark it missing", e.Message);
        Assert.Throws<DataException>(() => CsvReader.Parse("a,b,c\n1,2,0\n3,abc,1\n"));
    }
}
