using System.Text.Json;

namespace Astrograd.Tests.Cli;

/// <summary>A network without hidden layers is asked for by name (--layers 0 or none), never by an empty value.
/// </summary>
public sealed class LinearModelTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData("0")]
    [InlineData("none")]
    public void Layers_0_or_none_train_a_linear_model(string layers)
    {
        var run = _work.Train(_work.Htru2(200), "run", "--layers", layers);

        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "model.json")));
        Assert.Equal(0, card.RootElement.GetProperty("architecture").GetProperty("hidden").GetArrayLength());
    }

    [Fact]
    public void Empty_layers_are_refused_and_nothing_is_trained()
    {
        var result = CliHarness.Run("train", "--data", _work.Htru2(200), "--layers", "", "--out", _work.PathOf("run"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("astrograd train: error: --layers: is empty; give neurons per hidden layer, e.g. 64,64, or 0 " +
            "(also written none) for a linear model without hidden layers\n", result.Stderr);
        Assert.False(Directory.Exists(_work.PathOf("run")));
    }
}
