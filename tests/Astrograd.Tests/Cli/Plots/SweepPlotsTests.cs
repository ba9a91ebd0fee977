using Astrograd.Cli.Plots;
using Astrograd.Runs;
using Astrograd.Training;

namespace Astrograd.Tests.Cli.Plots;

public sealed class SweepPlotsTests
{
    private static SweepRun Run(double lr, params double[] validationLosses)
    {
        var history = validationLosses.Select((loss, i) =>
            new EpochReport(i + 1, validationLosses.Length, 2 * loss, loss, "accuracy", 0.9, false, i)).ToArray();
        return new SweepRun(lr, new TrainingResult(history, 1, false, 1, 10), InitialLoss: 0.7);
    }

    [Fact]
    public void Every_curve_starts_at_epoch_0_from_the_untrained_loss_they_share()
    {
        SweepRun[] runs = [Run(1e-4, 0.6, 0.5), Run(0.03, 0.1, 0.05), Run(30, 5, 9)];

        var curves = SweepPlots.SweepCurves(runs);

        Assert.Equal(["λ = 0.0001", "λ = 0.03", "λ = 30"], curves.Select(c => c.Name));
        Assert.All(curves, c => Assert.Equal([0.0, 1, 2], c.X));
        Assert.All(curves, c => Assert.Equal(0.7, c.Y[0]));
        Assert.Equal([0.7, 0.1, 0.05], curves[1].Y);
        Assert.Equal([false, false, true], curves.Select(c => c.Diverged));
    }
}
