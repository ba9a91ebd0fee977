using Astrograd.Data;
using Astrograd.Runs;
using Astrograd.Training;

namespace Astrograd.Tests.Runs;

public class TargetColumnsTests
{
    private static DataTable Table() => CsvReader.Parse("x,z,w,zerr\n" + string.Concat(Enumerable.Range(0, 40)
        .Select(i => FormattableString.Invariant($"{i * 0.1:F2},{i * 0.05:F3},{i * 10},0.5\n"))), source: "t.csv");

    [Fact]
    public void Several_targets_are_standardised_and_their_variances_divided_by_the_same_std_squared()
    {
        var config = new RunConfig { Target = "z,w", Sigma = "zerr,zerr", Loss = LossKind.Chi2, Features = ["x"] };

        var data = PreparedData.From(Table(), config);

        var scaling = data.TargetScaling!;
        Assert.Equal(["z", "w"], data.Targets);
        Assert.Equal(2, data.Outputs);
        var v = data.Train.Variances!;
        Assert.Equal(0.25 / (scaling.Std[0] * scaling.Std[0]), v[0], 5);
        Assert.Equal(0.25 / (scaling.Std[1] * scaling.Std[1]), v[1], 5);
        var y = data.Train.Targets!.Select(t => (double)t).ToArray();
        Assert.Equal(0, RegressionScoring.Column(y, 2, 1).Average(), 1);
    }

    [Fact]
    public void A_single_target_stays_in_its_units_and_a_likelihood_doubles_the_outputs()
    {
        var config = new RunConfig { Target = "z", Sigma = "zerr", Loss = LossKind.GaussianNll };

        var data = PreparedData.From(Table(), config);

        Assert.Null(data.TargetScaling);
        Assert.Equal(2, data.Outputs);
        Assert.Equal(["x", "w"], data.Features);
        Assert.All(data.Train.Variances!, v => Assert.Equal(0.25f, v));
    }
}
