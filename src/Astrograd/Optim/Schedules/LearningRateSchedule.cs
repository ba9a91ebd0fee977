namespace Astrograd.Optim.Schedules;

/// <summary>
/// A learning rate that follows a fixed curve λ(k) of the schedule's step count k. Each <see cref="Step"/>
/// advances k by one and sets the optimizer's learning rate to λ(k); whether a step is an epoch or a batch is
/// the caller's choice (warm-up usually counts batches). Made at k = 0, it sets λ(0) at once.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>Takes the optimizer to drive; its current learning rate becomes the base rate λ₀.</summary>
    protected LearningRateSchedule(IHasLearningRate optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        BaseLearningRate = optimizer.LearningRate;
    }

    /// <summary>The optimizer whose learning rate this schedule sets.</summary>
    public IHasLearningRate Optimizer { get; }

    /// <summary>λ₀, the optimizer's learning rate when the schedule was made.</summary>
    public double BaseLearningRate { get; }

    /// <summary>k, the number of <see cref="Step"/> calls so far (or the count given to <see cref="Restore"/>).
    /// </summary>
    public long StepCount { get; private set; }

    /// <summary>λ(<paramref name="step"/>), the learning rate after <paramref name="step"/> steps (≥ 0).</summary>
    public abstract double LearningRateAt(long step);

    /// <summary>Advances one step and sets the optimizer's learning rate to λ(k).</summary>
    /// <returns>The new learning rate.</returns>
    public double Step() => Restore(StepCount + 1);

    /// <summary>Jumps to step count <paramref name="stepCount"/> (to resume from a checkpoint) and sets the
    /// optimizer's learning rate to λ there.</summary>
    /// <returns>The new learning rate.</returns>
    public double Restore(long stepCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        var lr = LearningRateAt(stepCount);
        Optimizer.LearningRate = lr;
        StepCount = stepCount;
        return lr;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for <c>options</c> with
    /// <paramref name="message"/> unless <paramref name="ok"/>.</summary>
    private protected void Check(bool ok, FormattableString message)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException("options",
                $"{GetType().Name}: {FormattableString.Invariant(message)}");
        }
    }
}
