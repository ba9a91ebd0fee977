using System.Text.Json;

namespace Astrograd.Tests.Cli;

public sealed class ClipGradNormTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    private static JsonElement Optimizer(string run)
    {
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "model.json")));
        return card.RootElement.GetProperty("optimizer").Clone();
    }

    [Fact]
    public void The_model_card_records_the_gradient_norm_limit_and_leaves_it_out_without_clipping()
    {
        var data = _work.Htru2(200);

        var clipped = _work.Train(data, "clipped", "--clip-grad-norm", "0.5");
        var plain = _work.Train(data, "plain");

        Assert.Equal(0.5, Optimizer(clipped).GetProperty("clip_grad_norm").GetDouble());
        Assert.False(Optimizer(plain).TryGetProperty("clip_grad_norm", out _));
    }

    [Fact]
    public void A_tight_limit_changes_the_trained_weights_and_a_loose_one_does_not()
    {
        var data = _work.Htru2(200);

        var plain = _work.Train(data, "plain", "--no-plots");
        var loose = _work.Train(data, "loose", "--no-plots", "--clip-grad-norm", "1e30");
        var tight = _work.Train(data, "tight", "--no-plots", "--clip-grad-norm", "1e-3");

        byte[] Weights(string run) => File.ReadAllBytes(Path.Combine(run, "weights.safetensors"));
        Assert.Equal(Weights(plain), Weights(loose));
        Assert.NotEqual(Weights(plain), Weights(tight));
        using var looseMetrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(loose, "metrics.json")));
        using var tightMetrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(tight, "metrics.json")));
        Assert.Equal(0, looseMetrics.RootElement.GetProperty("clipped_steps").GetInt64());
        Assert.Equal(tightMetrics.RootElement.GetProperty("steps").GetInt64(),
            tightMetrics.RootElement.GetProperty("clipped_steps").GetInt64());
    }
}
