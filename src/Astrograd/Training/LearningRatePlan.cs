using Astrograd.Optim;
using Astrograd.Optim.Schedules;

namespace Astrograd.Training;

/// <summary>
/// How <see cref="Trainer"/> moves the learning rate during training: told after every optimizer step and after
/// every epoch, it may set the optimizer's rate for what follows. Made from a fixed-curve schedule (stepped once
/// per epoch), a <see cref="ReduceOnPlateau"/> (fed the validation loss, else the training loss), or a custom
/// plan such as the learning-rate range test's per-step growth.
/// </summary>
public abstract class LearningRatePlan
{
    /// <summary>After one optimizer step whose batch loss was <paramref name="batchLoss"/> (finite), at the
    /// learning rate <paramref name="learningRate"/> that step used.</summary>
    public virtual void AfterStep(double batchLoss, double learningRate)
    {
    }

    /// <summary>After an epoch that finished with a finite <paramref name="trainLoss"/> and, with a validation
    /// split, <paramref name="validationLoss"/>.</summary>
    public virtual void AfterEpoch(double trainLoss, double? validationLoss)
    {
    }

    /// <summary>The plan's state as named numbers, for a checkpoint; empty for a plan that keeps none.</summary>
    public virtual IReadOnlyDictionary<string, double> ExportState() => new Dictionary<string, double>();

    /// <summary>Resumes from a state made by <see cref="ExportState"/> of a plan of the same kind and options.
    /// </summary>
    /// <exception cref="ArgumentException">The state lacks an entry this plan keeps, or holds one it does not.
    /// </exception>
    public virtual void ImportState(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count > 0)
        {
            throw new ArgumentException($"{GetType().Name}: keeps no state, but was given " +
                $"{string.Join(", ", state.Keys)}; was it exported by another plan?", nameof(state));
        }
    }

    /// <summary>The entry <paramref name="name"/> of <paramref name="state"/>, refused when absent.</summary>
    private protected static double Entry(IReadOnlyDictionary<string, double> state, string name, string plan) =>
        state.TryGetValue(name, out var value)
            ? value
            : throw new ArgumentException($"{plan}: the state has no '{name}'; was it exported by another plan?",
                nameof(state));

    /// <summary>A plan that steps <paramref name="schedule"/> once per epoch: λ after epoch e is λ(e).</summary>
    public static LearningRatePlan PerEpoch(LearningRateSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new Curve(schedule);
    }

    /// <summary>A plan that feeds <paramref name="schedule"/> the validation loss after each epoch (the training
    /// loss without validation).</summary>
    public static LearningRatePlan OnPlateau(ReduceOnPlateau schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new Plateau(schedule);
    }

    private sealed class Curve(LearningRateSchedule schedule) : LearningRatePlan
    {
        public override void AfterEpoch(double trainLoss, double? validationLoss) => schedule.Step();

        public override IReadOnlyDictionary<string, double> ExportState() =>
            new Dictionary<string, double> { ["step_count"] = schedule.StepCount };

        public override void ImportState(IReadOnlyDictionary<string, double> state)
        {
            ArgumentNullException.ThrowIfNull(state);
            schedule.Restore((long)Entry(state, "step_count", schedule.GetType().Name));
        }
    }

    private sealed class Plateau(ReduceOnPlateau schedule) : LearningRatePlan
    {
        public override void AfterEpoch(double trainLoss, double? validationLoss)
        {
            // A non-finite validation loss cannot be ranked; the trainer stops on the training loss anyway.
            var metric = validationLoss ?? trainLoss;
            if (double.IsFinite(metric))
            {
                schedule.Step(metric);
            }
        }

        public override IReadOnlyDictionary<string, double> ExportState()
        {
            var s = schedule.ExportState();
            return new Dictionary<string, double>
            {
                ["best"] = s.Best,
                ["bad_steps"] = s.BadSteps,
                ["cooldown_left"] = s.CooldownLeft,
                ["step_count"] = s.StepCount,
            };
        }

        public override void ImportState(IReadOnlyDictionary<string, double> state)
        {
            ArgumentNullException.ThrowIfNull(state);
            const string Name = nameof(ReduceOnPlateau);
            schedule.ImportState(new ReduceOnPlateauState(Entry(state, "best", Name),
                (int)Entry(state, "bad_steps", Name), (int)Entry(state, "cooldown_left", Name),
                (long)Entry(state, "step_count", Name)));
        }
    }
}

/// <summary>
/// The learning-rate range test's plan (Smith, "Cyclical Learning Rates for Training Neural Networks", 2017):
/// λ grows geometrically from λmin to λmax over <c>steps</c> optimizer steps,
/// λ(k) = λmin·(λmax/λmin)^(k/(steps−1)), and every step's (λ, batch loss) is kept.
/// </summary>
/// <remarks>Not checkpointed: its <see cref="LearningRatePlan.ExportState"/> is empty, so a range test resumed from
/// a checkpoint would start its curve again; keeping the points and the step count would fix that, but a range
/// test is one short pass.</remarks>
public sealed class RangeTestPlan : LearningRatePlan
{
    private readonly IHasLearningRate _optimizer;
    private readonly List<(double LearningRate, double Loss)> _points = [];

    /// <summary>Sets the optimizer's rate to <paramref name="minLearningRate"/> at once.</summary>
    /// <param name="optimizer">The optimizer to drive.</param>
    /// <param name="minLearningRate">λmin &gt; 0, the first step's rate.</param>
    /// <param name="maxLearningRate">λmax &gt; λmin, the last step's rate.</param>
    /// <param name="steps">Steps over which λ grows, ≥ 2.</param>
    public RangeTestPlan(IHasLearningRate optimizer, double minLearningRate, double maxLearningRate, long steps)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!(minLearningRate > 0) || !double.IsFinite(maxLearningRate) || !(maxLearningRate > minLearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(maxLearningRate),
                FormattableString.Invariant(
                    $"RangeTestPlan: need 0 < min < max (finite), got min {minLearningRate}, max {maxLearningRate}."));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        _optimizer = optimizer;
        MinLearningRate = minLearningRate;
        MaxLearningRate = maxLearningRate;
        Steps = steps;
        optimizer.LearningRate = minLearningRate;
    }

    /// <summary>λmin.</summary>
    public double MinLearningRate { get; }

    /// <summary>λmax.</summary>
    public double MaxLearningRate { get; }

    /// <summary>The steps over which λ grows.</summary>
    public long Steps { get; }

    /// <summary>Every finished step's (λ, batch loss), in order.</summary>
    public IReadOnlyList<(double LearningRate, double Loss)> Points => _points;

    /// <summary>λ(k) = λmin·(λmax/λmin)^(k/(steps−1)), held at λmax after the last step.</summary>
    public double LearningRateAt(long step) =>
        MinLearningRate * Math.Pow(MaxLearningRate / MinLearningRate, Math.Min(step, Steps - 1) / (double)(Steps - 1));

    /// <inheritdoc/>
    public override void AfterStep(double batchLoss, double learningRate)
    {
        _points.Add((learningRate, batchLoss));
        _optimizer.LearningRate = LearningRateAt(_points.Count);
    }
}
