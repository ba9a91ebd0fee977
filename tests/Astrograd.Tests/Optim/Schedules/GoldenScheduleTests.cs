using Astrograd.NN;
using Astrograd.Optim;
using Astrograd.Optim.Schedules;

namespace Astrograd.Tests.Optim.Schedules;

/// <summary>Our schedules against PyTorch's schedulers (Golden/optim_golden.json), from λ₀ = 0.1.</summary>
public class GoldenScheduleTests
{
    public static TheoryData<string> Schedules => GoldenFile.Names("schedules");

    [Theory]
    [MemberData(nameof(Schedules))]
    public void Learning_rates_match_pytorch(string name)
    {
        var golden = GoldenFile.Find("schedules", name);
        var expected = GoldenFile.Doubles(golden.GetProperty("lrs"));
        var metrics = golden.TryGetProperty("metrics", out var m) ? GoldenFile.Doubles(m) : null;
        var optimizer = new Sgd<double>([new Parameter<double>(new Shape(1), [0.0])], new SgdOptions(0.1));

        var actual = new List<double>();
        if (metrics is null)
        {
            var schedule = Make(name, optimizer);
            actual.Add(optimizer.LearningRate);
            for (var k = 1; k < expected.Length; k++)
            {
                schedule.Step();
                actual.Add(optimizer.LearningRate);
            }
        }
        else
        {
            var plateau = MakePlateau(name, optimizer);
            actual.Add(optimizer.LearningRate);
            foreach (var metric in metrics)
            {
                plateau.Step(metric);
                actual.Add(optimizer.LearningRate);
            }
        }

        Assert.Equal(expected.Length, actual.Count);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(actual[k] - expected[k]) <= 1e-12 * Math.Abs(expected[k]) + 1e-17,
                $"{name}, step {k}: expected {expected[k]:R}, got {actual[k]:R}.");
        }
    }

    private static LearningRateSchedule Make(string name, IHasLearningRate optimizer) => name switch
    {
        "step_3_half" => new StepDecay(optimizer, new StepDecayOptions(3, 0.5)),
        "exponential_0.9" => new ExponentialDecay(optimizer, new ExponentialDecayOptions(0.9)),
        "cosine_10_min_0.001" => new CosineAnnealing(optimizer, new CosineAnnealingOptions(10, 0.001)),
        "cosine_warmup_4_of_12" => new CosineAnnealing(optimizer,
            new CosineAnnealingOptions(12, 0, WarmupSteps: 4, WarmupStartFactor: 0.25)),
        _ => throw new ArgumentException($"Unknown golden schedule '{name}'.", nameof(name)),
    };

    private static ReduceOnPlateau MakePlateau(string name, IHasLearningRate optimizer) => name switch
    {
        "plateau_min_relative" => new ReduceOnPlateau(optimizer, new ReduceOnPlateauOptions(PlateauMode.Min,
            Factor: 0.5, Patience: 2, Threshold: 0.01, ThresholdMode.Relative, Cooldown: 1, MinLearningRate: 0.01)),
        "plateau_max_absolute" => new ReduceOnPlateau(optimizer, new ReduceOnPlateauOptions(PlateauMode.Max,
            Factor: 0.3, Patience: 1, Threshold: 0.05, ThresholdMode.Absolute, Cooldown: 0, MinLearningRate: 0)),
        _ => throw new ArgumentException($"Unknown golden plateau schedule '{name}'.", nameof(name)),
    };
}
