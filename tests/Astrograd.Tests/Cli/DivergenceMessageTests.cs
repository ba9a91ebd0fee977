using System.Text.RegularExpressions;

namespace Astrograd.Tests.Cli;

/// <summary>
/// What a run says when its loss becomes NaN or infinite: the epoch, the step, the learning rate in use, the
/// parameter where the weights ran away, and the two cures (a smaller --lr, or --clip-grad-norm).
/// </summary>
public sealed partial class DivergenceMessageTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    private CliResult Train(params string[] extra) =>
        CliHarness.Run(["train", "--data", _work.Regression(), "--out", _work.PathOf("run"), "--layers", "8",
            "--epochs", "3", "--json", .. extra]);

    [Fact]
    public void A_run_that_diverges_after_its_first_epoch_warns_naming_epoch_step_rate_parameter_and_both_cures()
    {
        var result = Train("--lr", "1000");

        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(result.Stderr.Split('\n'), l => l.Contains("warning", StringComparison.Ordinal));
        Assert.Matches(Stopped(), warning);
        Assert.Contains("the model keeps the weights of epoch 1", warning, StringComparison.Ordinal);
        Assert.EndsWith("try a smaller --lr (now 1000) or --clip-grad-norm 1", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_that_diverges_in_its_first_epoch_fails_naming_the_same_and_writes_nothing()
    {
        var result = Train("--lr", "1e9");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n'), l => l.Contains("error", StringComparison.Ordinal));
        Assert.Matches(DivergedEarly(), line);
        // The λ in use and --lr are written alike (they once read 1E+09 and 1000000000 in one line).
        Assert.Contains("nothing was written; try a smaller --lr (now 1E+09) or --clip-grad-norm 1", line,
            StringComparison.Ordinal);
        Assert.False(Directory.Exists(_work.PathOf("run")));
    }

    [Fact]
    public void With_clipping_on_the_cure_is_a_smaller_limit()
    {
        var cure = Astrograd.Runs.DivergenceAdvice.Cure(new Astrograd.Runs.RunConfig
        {
            LearningRate = 5,
            ClipGradNorm = 1000,
        });

        Assert.Equal("try a smaller --lr (now 5) or a smaller --clip-grad-norm (now 1000)", cure);
    }

    [GeneratedRegex(@"warning: training stopped at epoch \d+, step \d+ \(learning rate 1000\): the loss became " +
        @"(NaN|-?Infinity|[-0-9.E+]+); (the largest weight was \|w\| = [-0-9.E+]+ in|the weights of) " +
        @"'layers\.\d\.(weight|bias)'")]
    private static partial Regex Stopped();

    [GeneratedRegex(@"error: training diverged before any epoch ended with a finite loss, at epoch 1, " +
        @"step \d+ \(learning rate 1E\+09\): .* in 'layers\.\d\.(weight|bias)'")]
    private static partial Regex DivergedEarly();
}
