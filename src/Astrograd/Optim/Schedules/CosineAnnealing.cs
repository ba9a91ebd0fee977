namespace Astrograd.Optim.Schedules;

/// <summary>Options of <see cref="CosineAnnealing"/>.</summary>
/// <param name="Steps">T ≥ 1, the step at which the rate reaches its minimum (warm-up included).</param>
/// <param name="MinLearningRate">λmin in [0, λ₀], the rate at the end.</param>
/// <param name="WarmupSteps">W in [0, T): steps of linear warm-up before the cosine; 0 for none.</param>
/// <param name="WarmupStartFactor">f in (0, 1]: the warm-up starts at f·λ₀.</param>
public sealed record CosineAnnealingOptions(long Steps, double MinLearningRate = 0, long WarmupSteps = 0,
    double WarmupStartFactor = 0.1);

/// <summary>
/// Cosine annealing (Loshchilov and Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", 2017,
/// without the restarts), after an optional linear warm-up:
/// λ(k) = λ₀·(f + (1 − f)·k / W) for k &lt; W;
/// λ(k) = λmin + (λ₀ − λmin)·(1 + cos(π·(k − W) / (T − W))) / 2 for W ≤ k ≤ T;
/// λ(k) = λmin after T (the curve does not climb back).
/// </summary>
public sealed class CosineAnnealing : LearningRateSchedule
{
    /// <summary>A schedule for <paramref name="optimizer"/>; sets λ(0) at once (f·λ₀ with warm-up, else λ₀).
    /// </summary>
    public CosineAnnealing(IHasLearningRate optimizer, CosineAnnealingOptions options)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options.Steps >= 1, $"Steps must be >= 1, got {options.Steps}.");
        var (lr0, lrMin) = (BaseLearningRate, options.MinLearningRate); // short: one FormattableString, one line
        Check(options.MinLearningRate >= 0 && options.MinLearningRate <= BaseLearningRate,
            $"MinLearningRate must be in [0, {lr0}] (the optimizer's learning rate), got {lrMin}.");
        Check(options.WarmupSteps >= 0 && options.WarmupSteps < options.Steps,
            $"WarmupSteps must be in [0, Steps = {options.Steps}), got {options.WarmupSteps}.");
        Check(options.WarmupStartFactor > 0 && options.WarmupStartFactor <= 1,
            $"WarmupStartFactor must be in (0, 1], got {options.WarmupStartFactor}.");
        Options = options;
        Restore(0);
    }

    /// <summary>The options given at construction.</summary>
    public CosineAnnealingOptions Options { get; }

    /// <inheritdoc/>
    public override double LearningRateAt(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        var (total, warmup, min) = (Options.Steps, Options.WarmupSteps, Options.MinLearningRate);
        if (step < warmup)
        {
            var f = Options.WarmupStartFactor;
            return BaseLearningRate * (f + (1 - f) * step / warmup);
        }

        if (step >= total)
        {
            return min;
        }

        var progress = (double)(step - warmup) / (total - warmup);
        return min + (BaseLearningRate - min) * (1 + Math.Cos(Math.PI * progress)) / 2;
    }
}
