using Astrograd.Runs;

namespace Astrograd.Tests.Runs;

public class RedshiftBinsTests
{
    [Fact]
    public void Edges_are_tenths_from_zero_or_the_lowest_redshift_to_past_the_highest()
    {
        Assert.Equal([-0.003, 0.1, 0.2, 0.3], RedshiftBins.Edges([-0.003, 0.15, 0.25]));
        Assert.Equal([0, 0.1, 0.2], RedshiftBins.Edges([0.05, 0.2]));
    }

    [Fact]
    public void Beyond_redshift_two_the_bins_are_half_wide()
    {
        Assert.Equal([0, 0.5, 1, 1.5, 2, 2.5], RedshiftBins.Edges([0.1, 2.2]));
    }

    [Fact]
    public void Only_a_target_named_like_a_redshift_gets_a_table()
    {
        double[] truth = [0.1, 0.2, 0.3, 0.4];
        double[] predicted = [0.12, 0.18, 0.33, 0.41];

        Assert.Null(RedshiftBins.For(["flux"], truth, predicted));
        var table = RedshiftBins.For(["zspec"], truth, predicted)!;
        Assert.Equal("zspec", table.Target);
        Assert.Equal(4, table.Bins.Sum(b => b.Metrics.Count));
    }

    [Fact]
    public void Rows_without_a_true_redshift_are_left_out_of_the_bins_not_the_whole_table()
    {
        // Two targets, row-major; the second row misses its z, the third its other target only.
        double[] truth = [0.1, 5, double.NaN, 6, 0.3, double.NaN, 0.4, 8];
        double[] predicted = [0.12, 5, 0.5, 6, 0.33, 7, 0.41, 8];

        var table = RedshiftBins.For(["z", "flux"], truth, predicted)!;

        Assert.Equal(3, table.Bins.Sum(b => b.Metrics.Count));
        Assert.Null(RedshiftBins.For(["z"], [double.NaN, double.NaN], [0.1, 0.2]));
    }
}
