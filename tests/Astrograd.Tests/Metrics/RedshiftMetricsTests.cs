using Astrograd.Metrics;

namespace Astrograd.Tests.Metrics;

public class RedshiftMetricsTests
{
    // Δ = (z_pred − z_true) / (1 + z_true) = [0.1, −0.1, 0, 0.3, 0.05]; median 0.05;
    // |Δ − median| = [0.05, 0.15, 0.05, 0.25, 0]; its median 0.05, so σ_NMAD = 1.4826 · 0.05.
    private static readonly double[] _handTrue = [0, 1, 0.5, 2, 1];
    private static readonly double[] _handPred = [0.1, 0.8, 0.5, 2.9, 1.1];

    [Fact]
    public void Compute_on_hand_case_gives_bias_sigma_nmad_and_outliers()
    {
        var result = RedshiftMetrics.Compute(_handTrue, _handPred);

        Assert.Equal(5, result.Count);
        Assert.Equal(0.07, result.Bias, 14);
        Assert.Equal(0.05, result.MedianBias, 14);
        Assert.Equal(0.07413, result.SigmaNmad, 14);
        Assert.Equal(1, result.OutlierCount);
        Assert.Equal(0.2, result.OutlierFraction, 15);
    }

    [Fact]
    public void Residual_exactly_at_the_threshold_is_not_an_outlier()
    {
        var result = RedshiftMetrics.Compute([0, 0], [0.15, -0.1500001]);

        Assert.Equal(1, result.OutlierCount);
    }

    [Fact]
    public void Even_count_median_is_the_mean_of_the_middle_pair()
    {
        var result = RedshiftMetrics.Compute([0, 0, 0, 0], [0.0, 0.1, 0.2, 1.0]);

        Assert.Equal(0.15, result.MedianBias, 14);
        // |Δ − 0.15| = [0.15, 0.05, 0.05, 0.85]: median 0.1.
        Assert.Equal(0.14826, result.SigmaNmad, 14);
    }

    [Fact]
    public void Sigma_nmad_of_gaussian_residuals_is_close_to_their_standard_deviation()
    {
        var rng = new Rng(42);
        var zTrue = new double[20000];
        var zPred = new double[zTrue.Length];
        for (var i = 0; i < zTrue.Length; i++)
        {
            zTrue[i] = rng.NextUniform(0, 2);
            zPred[i] = zTrue[i] + (0.03 * (1 + zTrue[i]) * rng.NextNormal());
        }

        var result = RedshiftMetrics.Compute(zTrue, zPred);

        Assert.InRange(result.SigmaNmad, 0.029, 0.031);
        Assert.InRange(result.Bias, -0.001, 0.001);
    }

    [Fact]
    public void Bins_split_by_true_redshift_with_last_edge_inclusive_and_outside_samples_dropped()
    {
        double[] zTrue = [0.1, 0.4, 0.5, 1.0, 1.5];
        double[] zPred = [0.1, 0.4, 0.8, 1.0, 1.5];

        var bins = RedshiftMetrics.ComputeByBin(zTrue, zPred, [0.0, 0.5, 1.0]);

        Assert.Equal(2, bins.Count);
        Assert.Equal((0.0, 0.5, 2), (bins[0].Low, bins[0].High, bins[0].Metrics.Count));
        Assert.Equal(0.0, bins[0].Metrics.Bias);
        Assert.Equal(2, bins[1].Metrics.Count);
        Assert.Equal(0.1, bins[1].Metrics.Bias, 14);
        Assert.Equal(1, bins[1].Metrics.OutlierCount);
    }

    [Fact]
    public void Bins_by_predicted_redshift_use_the_prediction()
    {
        var bins = RedshiftMetrics.ComputeByBin([0.1, 0.2], [0.9, 0.2], [0.0, 0.5, 1.0],
            binBy: RedshiftBinBy.PredictedRedshift);

        Assert.Equal(1, bins[0].Metrics.Count);
        Assert.Equal(1, bins[1].Metrics.Count);
        Assert.Equal(0.8 / 1.1, bins[1].Metrics.Bias, 14);
    }

    [Fact]
    public void Empty_bin_has_count_zero_and_nan_metrics()
    {
        var bins = RedshiftMetrics.ComputeByBin([0.1], [0.1], [0.0, 0.5, 1.0]);

        Assert.Same(RedshiftMetricsResult.Empty, bins[1].Metrics);
        Assert.True(double.IsNaN(bins[1].Metrics.SigmaNmad));
        Assert.Equal(["z_low", "z_high", "bias", "bias_median", "sigma_nmad", "outlier_fraction", "count"],
            bins[1].ToNamedValues().Keys);
    }

    [Fact]
    public void Named_values_use_the_short_names()
    {
        var named = RedshiftMetrics.Compute(_handTrue, _handPred).ToNamedValues();

        Assert.Equal(["bias", "bias_median", "sigma_nmad", "outlier_fraction", "count"], named.Keys);
        Assert.Equal(0.2, named["outlier_fraction"], 15);
    }

    [Fact]
    public void True_redshift_at_or_below_minus_one_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => RedshiftMetrics.Compute([0.5, -1], [0.5, 0]));

        Assert.Equal("zTrue", ex.ParamName);
        Assert.Contains("zTrue[1] is -1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bin_edges_must_be_at_least_two_and_strictly_increasing()
    {
        Assert.Throws<ArgumentException>(() => RedshiftMetrics.ComputeByBin([0.1], [0.1], [0.5]));
        var ex = Assert.Throws<ArgumentException>(() => RedshiftMetrics.ComputeByBin([0.1], [0.1], [0, 1, 1]));

        Assert.Equal("binEdges", ex.ParamName);
        Assert.Contains("binEdges[2] is 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_threshold_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => RedshiftMetrics.Compute([0.1], [0.1], outlierThreshold: -0.1));
    }
}
