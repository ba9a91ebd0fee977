using Astrograd.NN;
using Astrograd.Optim;
using Astrograd.Optim.Schedules;

namespace Astrograd.Tests.Optim.Schedules;

public class ScheduleTests
{
    private static Sgd<double> Optimizer(double lr = 0.1) =>
        new([new Parameter<double>(new Shape(1), [0.0])], new SgdOptions(lr));

    [Fact]
    public void Step_decay_drops_by_gamma_every_step_size_steps()
    {
        var optimizer = Optimizer();
        var schedule = new StepDecay(optimizer, new StepDecayOptions(2, 0.5));

        var rates = Enumerable.Range(0, 5).Select(_ => schedule.Step()).ToArray();

        Assert.Equal(new[] { 0.1, 0.05, 0.05, 0.025, 0.025 }, rates);
        Assert.Equal(0.025, optimizer.LearningRate);
        Assert.Equal(5, schedule.StepCount);
    }

    [Fact]
    public void Warmup_counts_steps_and_starts_at_the_start_factor_at_once()
    {
        var optimizer = Optimizer(1.0);

        var schedule = new CosineAnnealing(optimizer, new CosineAnnealingOptions(6, WarmupSteps: 2,
            WarmupStartFactor: 0.5));

        Assert.Equal(0.5, optimizer.LearningRate);
        Assert.Equal(0.75, schedule.Step());
        Assert.Equal(1.0, schedule.Step());
        Assert.Equal((1 + Math.Cos(Math.PI / 4)) / 2, schedule.Step(), 1e-15);
    }

    [Fact]
    public void Cosine_annealing_stays_at_the_minimum_after_its_last_step()
    {
        var optimizer = Optimizer();
        var schedule = new CosineAnnealing(optimizer, new CosineAnnealingOptions(4, MinLearningRate: 0.01));

        Assert.Equal(0.01, schedule.LearningRateAt(4), 1e-17);
        Assert.Equal(0.01, schedule.LearningRateAt(5));
        Assert.Equal(0.01, schedule.LearningRateAt(1000));
    }

    [Fact]
    public void Annealing_to_zero_is_accepted_by_the_optimizer()
    {
        var optimizer = Optimizer();
        var schedule = new CosineAnnealing(optimizer, new CosineAnnealingOptions(2));

        schedule.Step();
        schedule.Step();

        Assert.Equal(0.0, optimizer.LearningRate);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = -0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = double.PositiveInfinity);
    }

    [Fact]
    public void Restore_jumps_to_a_step_count_to_resume_a_run()
    {
        var optimizer = Optimizer();
        var schedule = new ExponentialDecay(optimizer, new ExponentialDecayOptions(0.5));

        var lr = schedule.Restore(3);

        Assert.Equal(0.0125, lr);
        Assert.Equal(0.0125, optimizer.LearningRate);
        Assert.Equal(0.00625, schedule.Step());
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.Restore(-1));
    }

    [Fact]
    public void Schedules_work_with_any_optimizer_element_type()
    {
        var adam = new Adam<float>([new Parameter<float>(new Shape(1), [0f])], new AdamOptions(0.01));

        new StepDecay(adam, new StepDecayOptions(1, 0.1)).Step();

        Assert.Equal(0.001, adam.LearningRate, 1e-15);
    }

    [Fact]
    public void Plateau_waits_out_the_patience_then_reduces_and_cools_down()
    {
        var optimizer = Optimizer(1.0);
        var plateau = new ReduceOnPlateau(optimizer, new ReduceOnPlateauOptions(Factor: 0.5, Patience: 1,
            Threshold: 0, Cooldown: 2));

        bool[] reduced = [.. new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }.Select(plateau.Step)];

        // Best 1.0; bad 1, bad 2 > patience → reduce; two cooldown steps count nothing; then bad 1, bad 2 → reduce.
        Assert.Equal(new[] { false, false, true, false, false, false, true }, reduced);
        Assert.Equal(0.25, optimizer.LearningRate);
    }

    [Fact]
    public void Plateau_never_goes_below_the_minimum_rate()
    {
        var optimizer = Optimizer(1.0);
        var plateau = new ReduceOnPlateau(optimizer, new ReduceOnPlateauOptions(Factor: 0.1, Patience: 0,
            MinLearningRate: 0.05));

        for (var i = 0; i < 5; i++)
        {
            plateau.Step(2.0);
        }

        Assert.Equal(0.05, optimizer.LearningRate);
    }

    [Fact]
    public void Plateau_refuses_a_nan_metric()
    {
        var plateau = new ReduceOnPlateau(Optimizer(), new ReduceOnPlateauOptions());

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => plateau.Step(double.NaN));

        Assert.Equal("metric", e.ParamName);
    }

    [Fact]
    public void Plateau_state_round_trips()
    {
        var options = new ReduceOnPlateauOptions(Factor: 0.5, Patience: 2, Cooldown: 1);
        var optimizerA = Optimizer(1.0);
        var a = new ReduceOnPlateau(optimizerA, options);
        foreach (var m in new[] { 3.0, 2.0, 2.5, 2.5 })
        {
            a.Step(m);
        }

        var optimizerB = Optimizer(optimizerA.LearningRate);
        var b = new ReduceOnPlateau(optimizerB, options);

        b.ImportState(a.ExportState());

        Assert.Equal(a.ExportState(), b.ExportState());
        foreach (var m in new[] { 2.5, 2.5, 2.5, 1.0, 2.0, 2.0, 2.0 })
        {
            Assert.Equal(a.Step(m), b.Step(m));
            Assert.Equal(optimizerA.LearningRate, optimizerB.LearningRate);
        }

        Assert.Throws<ArgumentException>(() => b.ImportState(new ReduceOnPlateauState(double.NaN, 0, 0, 0)));
    }

    public static TheoryData<string, Func<IHasLearningRate, object>> BadOptions => new()
    {
        { "StepSize", o => new StepDecay(o, new StepDecayOptions(0)) },
        { "Gamma", o => new StepDecay(o, new StepDecayOptions(1, 1.5)) },
        { "Gamma", o => new ExponentialDecay(o, new ExponentialDecayOptions(0)) },
        { "Steps", o => new CosineAnnealing(o, new CosineAnnealingOptions(0)) },
        { "MinLearningRate", o => new CosineAnnealing(o, new CosineAnnealingOptions(10, MinLearningRate: 1)) },
        { "WarmupSteps", o => new CosineAnnealing(o, new CosineAnnealingOptions(10, WarmupSteps: 10)) },
        { "WarmupStartFactor", o => new CosineAnnealing(o, new CosineAnnealingOptions(10, 0, 2, 0)) },
        { "Factor", o => new ReduceOnPlateau(o, new ReduceOnPlateauOptions(Factor: 1)) },
        { "Patience", o => new ReduceOnPlateau(o, new ReduceOnPlateauOptions(Patience: -1)) },
        { "Threshold", o => new ReduceOnPlateau(o, new ReduceOnPlateauOptions(Threshold: -0.1)) },
        { "Cooldown", o => new ReduceOnPlateau(o, new ReduceOnPlateauOptions(Cooldown: -1)) },
        { "MinLearningRate", o => new ReduceOnPlateau(o, new ReduceOnPlateauOptions(MinLearningRate: -1)) },
        { "Mode", o => new ReduceOnPlateau(o, new ReduceOnPlateauOptions(Mode: (PlateauMode)7)) },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_are_refused_with_the_option_named(string named, Func<IHasLearningRate, object> make)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => make(Optimizer()));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.Equal("options", e.ParamName);
    }
}
