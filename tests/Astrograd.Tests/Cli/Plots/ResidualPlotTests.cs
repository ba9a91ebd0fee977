using Astrograd.Cli.Plots;
using Astrograd.Training;

namespace Astrograd.Tests.Cli.Plots;

public sealed class ResidualPlotTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData(0f)]
    [InlineData(-2.7e18f)]
    public void Residuals_that_are_all_one_value_still_get_a_histogram_even_when_huge(float prediction)
    {
        // A diverging regression can predict the same huge number for every row.
        var set = new TrainingSet<float>([1f, 2f, 3f], 1, [0f, 0f, 0f], 1, null);
        var rows = new ScoredRows("test", set, [prediction, prediction, prediction], 1);
        Directory.CreateDirectory(_work.Root);

        var files = ResidualPlot.Write(_work.Root, rows, "z");

        Assert.Equal(["residuals.png", "residuals.svg"], files.Select(Path.GetFileName).Order());
    }
}
