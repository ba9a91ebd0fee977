namespace Astrograd.Optim.Schedules;

/// <summary>Options of <see cref="ExponentialDecay"/>.</summary>
/// <param name="Gamma">γ in (0, 1], the factor of every step.</param>
public sealed record ExponentialDecayOptions(double Gamma);

/// <summary>Exponential decay: λ(k) = λ₀·γᵏ.</summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>A schedule for <paramref name="optimizer"/>; sets λ(0) = λ₀ at once.</summary>
    public ExponentialDecay(IHasLearningRate optimizer, ExponentialDecayOptions options)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options.Gamma > 0 && options.Gamma <= 1, $"Gamma must be in (0, 1], got {options.Gamma}.");
        Options = options;
        Restore(0);
    }

    /// <summary>The options given at construction.</summary>
    public ExponentialDecayOptions Options { get; }

    /// <inheritdoc/>
    public override double LearningRateAt(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return BaseLearningRate * Math.Pow(Options.Gamma, step);
    }
}
