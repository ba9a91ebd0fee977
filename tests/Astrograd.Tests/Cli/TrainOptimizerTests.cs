using System.Globalization;
using System.Text.Json;

namespace Astrograd.Tests.Cli;

public sealed class TrainOptimizerTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    private CliResult Train(string run, params string[] extra) =>
        CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", _work.Htru2(), "--out", _work.PathOf(run),
            "--json", "--no-plots", .. extra]));

    private static double[] TrainLosses(string run) =>
        [.. File.ReadLines(Path.Combine(run, "history.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture))];

    [Theory]
    [InlineData("sgd", "0.03")]
    [InlineData("adam", "0.01")]
    [InlineData("adamw", "0.01")]
    [InlineData("rmsprop", "0.01")]
    [InlineData("rprop", "0.01", "40")] // full batch: one step per epoch
    [InlineData("lbfgs", "1")]
    public void Every_optimizer_lowers_the_training_loss_and_is_recorded(string optimizer, string lr,
        string epochs = "5")
    {
        var result = Train("run", "--optimizer", optimizer, "--lr", lr, "--epochs", epochs);

        Assert.True(result.ExitCode == 0, result.All);
        var losses = TrainLosses(_work.PathOf("run"));
        Assert.True(losses[^1] < 0.5 * losses[0], $"{optimizer}: {string.Join(", ", losses)}");
        using var summary = JsonDocument.Parse(result.Stdout);
        Assert.Equal(optimizer, summary.RootElement.GetProperty("optimizer").GetString());
        Assert.Equal("none", summary.RootElement.GetProperty("schedule").GetString());
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(_work.PathOf("run"), "model.json")));
        var recorded = card.RootElement.GetProperty("optimizer");
        Assert.Equal(optimizer, recorded.GetProperty("name").GetString());
        Assert.Equal(double.Parse(lr, CultureInfo.InvariantCulture), recorded.GetProperty("learning_rate").GetDouble());
    }

    [Fact]
    public void The_default_optimizer_is_sgd_with_the_same_weights_as_asking_for_it()
    {
        var byDefault = Train("default");
        var explicitSgd = Train("sgd", "--optimizer", "sgd", "--schedule", "none", "--weight-decay", "0");

        Assert.Equal(0, byDefault.ExitCode);
        Assert.Equal(0, explicitSgd.ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_work.PathOf("default"), "weights.safetensors")),
            File.ReadAllBytes(Path.Combine(_work.PathOf("sgd"), "weights.safetensors")));
        using var summary = JsonDocument.Parse(byDefault.Stdout);
        Assert.Equal("sgd", summary.RootElement.GetProperty("optimizer").GetString());
        Assert.True(summary.RootElement.GetProperty("captured_steps").GetBoolean());
    }

    [Fact]
    public void A_schedule_changes_the_weights_and_is_recorded_with_its_options()
    {
        var constant = Train("constant");
        var stepped = Train("step", "--schedule", "step", "--step-size", "2", "--gamma", "0.5");

        Assert.Equal(0, constant.ExitCode);
        Assert.True(stepped.ExitCode == 0, stepped.All);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(_work.PathOf("constant"), "weights.safetensors")),
            File.ReadAllBytes(Path.Combine(_work.PathOf("step"), "weights.safetensors")));
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(_work.PathOf("step"), "model.json")));
        var recorded = card.RootElement.GetProperty("optimizer");
        Assert.Equal("step", recorded.GetProperty("schedule").GetString());
        Assert.Equal(2, recorded.GetProperty("step_size").GetInt32());
        Assert.Equal(0.5, recorded.GetProperty("gamma").GetDouble());

        // history.csv shows the rate of every epoch: halved every second epoch.
        var rates = File.ReadLines(Path.Combine(_work.PathOf("step"), "history.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture));
        Assert.Equal([0.03, 0.03, 0.015, 0.015, 0.0075], rates);
    }

    // history.csv as (validation loss, lr) per epoch.
    private static (double Val, double Lr)[] History(string run) =>
        [.. File.ReadLines(Path.Combine(run, "history.csv")).Skip(1).Select(l => l.Split(','))
            .Select(c => (double.Parse(c[2], CultureInfo.InvariantCulture),
                double.Parse(c[4], CultureInfo.InvariantCulture)))];

    [Fact]
    public void Cosine_trains_epoch_e_at_the_readmes_formula_and_reaches_min_lr_only_after_the_last_epoch()
    {
        // README: epoch e trains at λmin + (λ − λmin)(1 + cos(π(e − 1 − W)/(E − W)))/2 after W warm-up epochs at
        // λ(0.1 + 0.9(e − 1)/W), as PyTorch's LinearLR then CosineAnnealingLR(T_max = E − W) stepped per epoch.
        var result = Train("run", "--epochs", "6", "--patience", "0", "--schedule", "cosine", "--warmup-epochs", "2",
            "--min-lr", "0.001");
        Assert.True(result.ExitCode == 0, result.All);

        var rates = History(_work.PathOf("run")).Select(h => h.Lr).ToArray();

        var (lr, min, w, e) = (0.03, 0.001, 2, 6);
        var expected = Enumerable.Range(1, e).Select(k => k - 1 < w
            ? lr * (0.1 + (0.9 * (k - 1) / w))
            : min + ((lr - min) * (1 + Math.Cos(Math.PI * (k - 1 - w) / (e - w))) / 2)).ToArray();
        Assert.Equal(expected.Length, rates.Length);
        Assert.All(expected.Zip(rates), p => Assert.Equal(p.First, p.Second, 12));
        Assert.True(rates[^1] > min, "the last epoch trains above --min-lr; it is reached after it");
    }

    [Fact]
    public void Plateau_lowers_the_rate_after_more_than_step_size_epochs_without_a_better_validation_loss()
    {
        // README: λ ← max(γλ, --min-lr) once more than --step-size epochs in a row ended without a validation loss
        // below best·(1 − 1e-4); the new rate applies from the next epoch, and the count starts again.
        var result = Train("run", "--epochs", "30", "--patience", "0", "--schedule", "plateau", "--step-size", "1",
            "--gamma", "0.5", "--lr", "0.3");
        Assert.True(result.ExitCode == 0, result.All);

        var history = History(_work.PathOf("run"));

        var (rate, best, bad, lowered) = (0.3, double.PositiveInfinity, 0, 0);
        foreach (var (val, lr) in history)
        {
            Assert.Equal(rate, lr, 15);
            (best, bad) = val < best * (1 - 1e-4) ? (val, 0) : (best, bad + 1);
            if (bad > 1)
            {
                (rate, bad, lowered) = (rate * 0.5, 0, lowered + 1);
            }
        }

        Assert.True(lowered > 0, "the run should reach a plateau at λ = 0.3");
    }

    [Theory]
    [InlineData("cosine", "--min-lr", "0.001")]
    [InlineData("exponential", "--gamma", "0.9")]
    [InlineData("plateau", "--step-size", "1")]
    public void Every_schedule_trains(string schedule, string option, string value)
    {
        var result = Train("run", "--schedule", schedule, option, value, "--optimizer", "adam", "--lr", "0.01",
            "--weight-decay", "1e-4");

        Assert.True(result.ExitCode == 0, result.All);
        var losses = TrainLosses(_work.PathOf("run"));
        Assert.True(losses[^1] < losses[0], string.Join(", ", losses));
    }

    [Theory]
    [InlineData("--optimizer", "adagrad", "--optimizer")]
    [InlineData("--schedule", "linear", "--schedule")]
    [InlineData("--weight-decay", "-1", "--weight-decay")]
    [InlineData("--step-size", "0", "--step-size")]
    [InlineData("--gamma", "1.5", "--gamma")]
    [InlineData("--warmup-epochs", "2", "--warmup-epochs")]
    [InlineData("--min-lr", "1", "--min-lr")]
    public void Bad_optimizer_and_schedule_values_are_refused_naming_the_option(string option, string value,
        string named)
    {
        var result = Train("run", option, value);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(named + ":", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_work.PathOf("run")));
    }

    [Fact]
    public void Rprop_steps_once_per_epoch_on_the_whole_training_split()
    {
        var result = Train("run", "--optimizer", "rprop", "--lr", "0.01", "--batch", "16");

        Assert.True(result.ExitCode == 0, result.All);
        using var summary = JsonDocument.Parse(result.Stdout);
        Assert.Equal(5, summary.RootElement.GetProperty("steps").GetInt64());
    }

    [Fact]
    public void Nesterov_momentum_changes_the_weights_and_is_recorded()
    {
        var plain = Train("plain");
        var nesterov = Train("nesterov", "--nesterov");

        Assert.True(nesterov.ExitCode == 0, nesterov.All);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(_work.PathOf("plain"), "weights.safetensors")),
            File.ReadAllBytes(Path.Combine(_work.PathOf("nesterov"), "weights.safetensors")));
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(_work.PathOf("nesterov"), "model.json")));
        Assert.True(card.RootElement.GetProperty("optimizer").GetProperty("nesterov").GetBoolean());
        using var plainCard = JsonDocument.Parse(File.ReadAllText(Path.Combine(_work.PathOf("plain"), "model.json")));
        Assert.False(plainCard.RootElement.GetProperty("optimizer").TryGetProperty("nesterov", out _));
    }

    [Theory]
    [InlineData("--optimizer", "adam")]
    [InlineData("--momentum", "0")]
    public void Nesterov_is_refused_without_sgd_momentum(string option, string value)
    {
        var result = Train("run", "--nesterov", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--nesterov: is a form of sgd momentum", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Weight_decay_is_refused_for_an_optimizer_without_it()
    {
        var result = Train("run", "--optimizer", "rprop", "--weight-decay", "0.01");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--weight-decay:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("rprop", result.Stderr, StringComparison.Ordinal);
    }
}
