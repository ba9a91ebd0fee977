using Astrograd.Metrics;

namespace Astrograd.Tests.Metrics;

public class RegressionMetricsTests
{
    [Fact]
    public void Compute_on_hand_case_gives_rmse_mae_and_r2()
    {
        // Errors 0.5, 0, −1, 1: SS_res = 2.25; mean 3.5, SS_tot = 21.
        var result = RegressionMetrics.Compute([1, 2, 4, 7], [1.5, 2, 3, 8]);

        Assert.Equal(0.75, result.Rmse, 15);
        Assert.Equal(0.625, result.Mae, 15);
        Assert.Equal(1 - (2.25 / 21), result.R2, 15);
        Assert.Null(result.R2Note);
        Assert.Equal(4, result.Count);
    }

    [Fact]
    public void Perfect_prediction_gives_zero_errors_and_r2_one()
    {
        var result = RegressionMetrics.Compute([1, 2, 3], [1, 2, 3]);

        Assert.Equal((0.0, 0.0, 1.0), (result.Rmse, result.Mae, result.R2));
    }

    [Fact]
    public void Predicting_worse_than_the_mean_gives_negative_r2()
    {
        var result = RegressionMetrics.Compute([1, 2, 3], [3, 2, 1]);

        Assert.Equal(-3.0, result.R2, 15);
    }

    [Fact]
    public void Constant_target_gives_nan_r2_with_a_note()
    {
        var result = RegressionMetrics.Compute([2, 2, 2], [2, 2, 2.5]);

        Assert.True(double.IsNaN(result.R2));
        Assert.Contains("SS_tot = 0", result.R2Note, StringComparison.Ordinal);
        Assert.Equal(0.5 / 3, result.Mae, 15);
    }

    [Fact]
    public void Per_output_metrics_match_scikit_learn_raw_values_and_uniform_average()
    {
        // Row-major [4, 2]; column 1 has SS_tot = 875 and SS_res = 18.
        double[] yTrue = [1, 10, 2, 20, 4, 30, 7, 50];
        double[] yPred = [1.5, 12, 2, 18, 3, 33, 8, 49];

        var result = RegressionMetrics.ComputePerOutput(yTrue, yPred, outputCount: 2);

        Assert.Equal(2, result.PerOutput.Count);
        Assert.Equal(0.8928571428571429, result.PerOutput[0].R2, 14);
        Assert.Equal(0.9794285714285714, result.PerOutput[1].R2, 14);
        Assert.Equal(2.1213203435596424, result.PerOutput[1].Rmse, 14);
        Assert.Equal(2.0, result.PerOutput[1].Mae, 15);
        Assert.Equal((0.75 + 2.1213203435596424) / 2, result.Rmse, 14);
        Assert.Equal((0.8928571428571429 + 0.9794285714285714) / 2, result.R2, 14);
    }

    [Fact]
    public void Per_output_named_values_list_means_then_each_output()
    {
        var named = RegressionMetrics.ComputePerOutput([1, 10, 2, 20], [1, 11, 2, 19], 2).ToNamedValues();

        Assert.Equal(["rmse", "mae", "r2", "rmse_0", "mae_0", "r2_0", "rmse_1", "mae_1", "r2_1", "count"],
            named.Keys);
        Assert.Equal(2, named["count"]);
    }

    [Fact]
    public void Single_output_named_values_use_the_short_names()
    {
        var named = RegressionMetrics.Compute([1, 2], [1, 3]).ToNamedValues();

        Assert.Equal(["rmse", "mae", "r2", "count"], named.Keys);
    }

    [Fact]
    public void Length_not_a_multiple_of_output_count_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => RegressionMetrics.ComputePerOutput([1, 2, 3], [1, 2, 3], 2));

        Assert.Contains("3 values do not split into rows of 2 outputs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_value_is_rejected_with_its_index()
    {
        var ex = Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1, 2], [1, double.NaN]));

        Assert.Equal("yPred", ex.ParamName);
        Assert.Contains("yPred[1] is NaN", ex.Message, StringComparison.Ordinal);
    }
}
