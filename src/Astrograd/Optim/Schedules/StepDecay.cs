namespace Astrograd.Optim.Schedules;

/// <summary>Options of <see cref="StepDecay"/>.</summary>
/// <param name="StepSize">s ≥ 1: the rate drops every s steps.</param>
/// <param name="Gamma">γ in (0, 1], the factor of each drop.</param>
public sealed record StepDecayOptions(int StepSize, double Gamma = 0.1);

/// <summary>Step decay: λ(k) = λ₀·γ^⌊k / s⌋.</summary>
public sealed class StepDecay : LearningRateSchedule
{
    /// <summary>A schedule for <paramref name="optimizer"/>; sets λ(0) = λ₀ at once.</summary>
    public StepDecay(IHasLearningRate optimizer, StepDecayOptions options)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options.StepSize >= 1, $"StepSize must be >= 1, got {options.StepSize}.");
        Check(options.Gamma > 0 && options.Gamma <= 1, $"Gamma must be in (0, 1], got {options.Gamma}.");
        Options = options;
        Restore(0);
    }

    /// <summary>The options given at construction.</summary>
    public StepDecayOptions Options { get; }

    /// <inheritdoc/>
    public override double LearningRateAt(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return BaseLearningRate * Math.Pow(Options.Gamma, step / Options.StepSize);
    }
}
