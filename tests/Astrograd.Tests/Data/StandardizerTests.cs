using Astrograd.Data;

namespace Astrograd.Tests.Data;

// Case F8 of cases.md: scaling statistics come from training rows only.
public class StandardizerTests
{
    [Fact]
    public void F8_fit_on_training_rows_gives_mean_1_std_1_and_test_z_9()
    {
        var scaler = Standardizer.Fit([0.0, 2.0], ["x"]);
        double[] test = [10.0];

        scaler.Transform(test);

        Assert.Equal(1.0, scaler.Means[0]);
        Assert.Equal(1.0, scaler.Stds[0]);
        Assert.Equal(9.0, test[0]);
    }

    [Fact]
    public void F8_table_fit_uses_only_the_given_training_rows()
    {
        var table = new DataTable([DataColumn.Numeric("x", [0.0, 2.0, 10.0])]);

        var trainOnly = Standardizer.Fit(table, [0], [0, 1]);
        var allRows = Standardizer.Fit(table, [0], [0, 1, 2]);
        double[] testOnTrainFit = [10.0];
        double[] testOnAllFit = [10.0];
        trainOnly.Transform(testOnTrainFit);
        allRows.Transform(testOnAllFit);

        Assert.Equal(9.0, testOnTrainFit[0]);
        Assert.Equal(1.3887, testOnAllFit[0], 4);
    }

    [Fact]
    public void Std_uses_the_n_divisor()
    {
        var scaler = Standardizer.Fit([1.0, 2.0, 3.0, 4.0], ["x"]);

        Assert.Equal(2.5, scaler.Means[0]);
        Assert.Equal(Math.Sqrt(1.25), scaler.Stds[0], 15);
    }

    [Fact]
    public void Row_major_features_are_fitted_per_column()
    {
        // Rows (0, 10), (2, 30): feature 0 mean 1 std 1, feature 1 mean 20 std 10.
        var scaler = Standardizer.Fit([0.0, 10.0, 2.0, 30.0], ["a", "b"]);
        double[] rows = [1.0, 40.0];
        var single = new float[2];

        scaler.Transform(rows, single);

        Assert.Equal([1.0, 20.0], scaler.Means);
        Assert.Equal([1.0, 10.0], scaler.Stds);
        Assert.Equal([0f, 2f], single);
    }

    [Fact]
    public void Constant_feature_gets_scale_1_and_a_warning()
    {
        var scaler = Standardizer.Fit([301.0, 5.0, 301.0, 7.0], ["rerun_ID", "x"]);
        double[] rows = [301.0, 6.0, 302.0, 6.0];

        scaler.Transform(rows);

        Assert.Equal(0.0, scaler.Stds[0]);
        Assert.Equal(1.0, scaler.Scales[0]);
        Assert.Equal([0.0, 0.0, 1.0, 0.0], rows);
        Assert.Single(scaler.Warnings);
        Assert.Contains("'rerun_ID' is constant", scaler.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Constant_feature_with_inexact_decimal_is_still_constant()
    {
        var scaler = Standardizer.Fit([0.1, 0.1, 0.1], ["x"]);

        Assert.Equal(0.1, scaler.Means[0]);
        Assert.Equal(0.0, scaler.Stds[0]);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void Non_finite_training_value_is_refused_naming_the_column(double bad)
    {
        var table = new DataTable([DataColumn.Numeric("u", [1.0, bad, 3.0]), DataColumn.Numeric("g", [1, 2, 3.0])]);

        var error = Assert.Throws<DataException>(() => Standardizer.Fit(table, [1, 0], [0, 1, 2]));

        Assert.Equal("u", error.Column);
        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_value_in_transform_is_refused()
    {
        var scaler = Standardizer.Fit([0.0, 2.0], ["x"]);

        double[] rows = [4.0, double.PositiveInfinity];

        var error = Assert.Throws<DataException>(() => scaler.Transform(rows));

        Assert.Equal("x", error.Column);
        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(4.0, rows[0]);
    }

    [Fact]
    public void No_training_rows_is_refused()
    {
        Assert.Throws<DataException>(() => Standardizer.Fit(ReadOnlySpan<double>.Empty, ["x"]));
    }

    [Fact]
    public void State_round_trips_through_plain_arrays()
    {
        var scaler = Standardizer.Fit([0.0, 5.0, 2.0, 5.0], ["a", "b"]);

        var state = scaler.ToState();
        var restored = Standardizer.FromState(state);
        double[] x = [10.0, 5.0];
        restored.Transform(x);

        Assert.Equal(["a", "b"], state.Names);
        Assert.Equal([1.0, 5.0], state.Means);
        Assert.Equal([1.0, 0.0], state.Stds);
        Assert.Equal([9.0, 0.0], x);
    }
}
