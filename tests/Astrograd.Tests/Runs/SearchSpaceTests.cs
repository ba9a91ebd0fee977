using Astrograd.Runs;

namespace Astrograd.Tests.Runs;

public class SearchSpaceTests
{
    private static readonly SearchSpace _space = new()
    {
        Layers = [[4], [8, 8]],
        Activations = [Activation.Tanh, Activation.Relu],
        LearningRates = [1e-3, 1e-2, 1e-1],
        BatchSizes = [32, 64],
    };

    [Fact]
    public void The_grid_holds_every_combination_once_with_the_batch_size_varying_fastest()
    {
        var grid = _space.Grid();

        Assert.Equal(24, grid.Count);
        Assert.Equal(24, grid.Select(t => (t.LayersText, t.Activation, t.LearningRate, t.BatchSize)).Distinct()
            .Count());
        Assert.Equal(("4", Activation.Tanh, 1e-3, 32),
            (grid[0].LayersText, grid[0].Activation, grid[0].LearningRate, grid[0].BatchSize));
        Assert.Equal((1e-3, 64), (grid[1].LearningRate, grid[1].BatchSize));
        Assert.Equal((1e-2, 32), (grid[2].LearningRate, grid[2].BatchSize));
        Assert.Equal(("8,8", Activation.Relu, 1e-1, 64),
            (grid[^1].LayersText, grid[^1].Activation, grid[^1].LearningRate, grid[^1].BatchSize));
    }

    [Fact]
    public void A_random_draw_is_distinct_part_of_the_grid_and_the_same_for_the_same_seed()
    {
        var grid = _space.Grid().Select(t => (t.LayersText, t.Activation, t.LearningRate, t.BatchSize)).ToList();

        var draw = _space.Random(10, 7).Select(t => (t.LayersText, t.Activation, t.LearningRate, t.BatchSize))
            .ToList();
        var again = _space.Random(10, 7).Select(t => (t.LayersText, t.Activation, t.LearningRate, t.BatchSize));
        var other = _space.Random(10, 8).Select(t => (t.LayersText, t.Activation, t.LearningRate, t.BatchSize));

        Assert.Equal(10, draw.Distinct().Count());
        Assert.All(draw, t => Assert.Contains(t, grid));
        Assert.Equal(draw, again);
        Assert.NotEqual(draw, other);
        Assert.Equal(draw.OrderBy(grid.IndexOf), draw);
        Assert.Equal(grid, _space.Random(24, 7).Select(t => (t.LayersText, t.Activation, t.LearningRate,
            t.BatchSize)));
    }

    [Theory]
    [InlineData(0, "--random: must be a whole number from 1 to 10000 (trials to draw), got 0")]
    [InlineData(25, "--random: 25 trials is more than the 24 combinations; use --grid to try them all")]
    public void A_draw_of_no_trials_or_more_than_the_combinations_is_refused(int trials, string message)
    {
        var e = Assert.Throws<RunConfigException>(() => _space.Random(trials, 1));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void An_empty_list_or_a_bad_value_is_refused_naming_its_option()
    {
        Assert.Equal("--lrs", Assert.Throws<RunConfigException>(() =>
            (_space with { LearningRates = [] }).Grid()).Option);
        Assert.Equal("--batches", Assert.Throws<RunConfigException>(() =>
            (_space with { BatchSizes = [0] }).Grid()).Option);
        Assert.Equal("--layers-grid", Assert.Throws<RunConfigException>(() =>
            (_space with { Layers = [[0]] }).Grid()).Option);
        var huge = _space with { LearningRates = [.. Enumerable.Range(1, 2000).Select(i => i * 1e-4)] };
        Assert.StartsWith("--grid: 16000 combinations is more than 10000",
            Assert.Throws<RunConfigException>(() => huge.Grid()).Message, StringComparison.Ordinal);
    }
}
