namespace Astrograd.Optim.Schedules;

/// <summary>Whether a smaller or a larger metric is better, for <see cref="ReduceOnPlateau"/>.</summary>
public enum PlateauMode
{
    /// <summary>Lower is better (a loss).</summary>
    Min,

    /// <summary>Higher is better (an accuracy).</summary>
    Max,
}

/// <summary>How <see cref="ReduceOnPlateauOptions.Threshold"/> measures a significant improvement.</summary>
public enum ThresholdMode
{
    /// <summary>Relative to the best value: better than best·(1 ∓ threshold).</summary>
    Relative,

    /// <summary>Absolute: better than best ∓ threshold.</summary>
    Absolute,
}

/// <summary>Options of <see cref="ReduceOnPlateau"/>.</summary>
/// <param name="Mode">Whether lower or higher metrics are better.</param>
/// <param name="Factor">The rate is multiplied by this, in (0, 1), at each reduction.</param>
/// <param name="Patience">Steps without significant improvement tolerated before a reduction, ≥ 0.</param>
/// <param name="Threshold">The least improvement that counts, ≥ 0, measured as <paramref name="ThresholdMode"/>
/// says.</param>
/// <param name="ThresholdMode">Relative or absolute threshold.</param>
/// <param name="Cooldown">Steps after a reduction during which bad steps are not counted, ≥ 0.</param>
/// <param name="MinLearningRate">The rate never drops below this, ≥ 0.</param>
/// <param name="Epsilon">A reduction smaller than this is skipped, ≥ 0 (it would change nothing useful).</param>
public sealed record ReduceOnPlateauOptions(PlateauMode Mode = PlateauMode.Min, double Factor = 0.1,
    int Patience = 10, double Threshold = 1e-4, ThresholdMode ThresholdMode = ThresholdMode.Relative,
    int Cooldown = 0, double MinLearningRate = 0, double Epsilon = 1e-8);

/// <summary>
/// Where <see cref="ReduceOnPlateau"/> stands: the best metric so far, bad steps in a row, cooldown steps left
/// and steps taken; for a checkpoint.
/// </summary>
/// <param name="Best">The best metric seen (±∞ before the first).</param>
/// <param name="BadSteps">Steps in a row without significant improvement.</param>
/// <param name="CooldownLeft">Steps of cooldown still to run.</param>
/// <param name="StepCount">Metrics seen.</param>
public sealed record ReduceOnPlateauState(double Best, int BadSteps, int CooldownLeft, long StepCount);

/// <summary>
/// Lowers the learning rate when a metric stops improving. After each metric (usually the validation loss,
/// once per epoch): an improvement beyond the threshold makes it the new best and clears the bad count, else
/// the count grows; during cooldown the count stays 0. When the count exceeds the patience, λ ←
/// max(λ·factor, λmin) (skipped if that changes λ by no more than ε), the count clears and cooldown starts.
/// </summary>
public sealed class ReduceOnPlateau
{
    private double _best;
    private int _bad;
    private int _cooldownLeft;

    /// <summary>A schedule for <paramref name="optimizer"/>; it starts from the optimizer's current rate.</summary>
    public ReduceOnPlateau(IHasLearningRate optimizer, ReduceOnPlateauOptions options)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        Check(Enum.IsDefined(options.Mode), $"Mode must be Min or Max, got {(int)options.Mode}.");
        Check(options.Factor > 0 && options.Factor < 1, $"Factor must be in (0, 1), got {options.Factor}.");
        Check(options.Patience >= 0, $"Patience must be >= 0, got {options.Patience}.");
        Check(options.Threshold >= 0 && double.IsFinite(options.Threshold),
            $"Threshold must be finite and >= 0, got {options.Threshold}.");
        Check(Enum.IsDefined(options.ThresholdMode),
            $"ThresholdMode must be Relative or Absolute, got {(int)options.ThresholdMode}.");
        Check(options.Cooldown >= 0, $"Cooldown must be >= 0, got {options.Cooldown}.");
        Check(options.MinLearningRate >= 0 && double.IsFinite(options.MinLearningRate),
            $"MinLearningRate must be finite and >= 0, got {options.MinLearningRate}.");
        Check(options.Epsilon >= 0 && double.IsFinite(options.Epsilon),
            $"Epsilon must be finite and >= 0, got {options.Epsilon}.");

        Optimizer = optimizer;
        Options = options;
        _best = Worst;
    }

    /// <summary>The optimizer whose learning rate this schedule sets.</summary>
    public IHasLearningRate Optimizer { get; }

    /// <summary>The options given at construction.</summary>
    public ReduceOnPlateauOptions Options { get; }

    /// <summary>The number of metrics seen.</summary>
    public long StepCount { get; private set; }

    /// <summary>Takes the metric of the step just finished and lowers the learning rate if it has plateaued.
    /// </summary>
    /// <returns>True when the learning rate was lowered.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="metric"/> is NaN, which compares with
    /// nothing.</exception>
    public bool Step(double metric)
    {
        if (double.IsNaN(metric))
        {
            throw new ArgumentOutOfRangeException(nameof(metric),
                "ReduceOnPlateau: the metric is NaN, so it cannot be compared with the best one; stop training " +
                "or pass a number.");
        }

        StepCount++;
        if (IsBetter(metric))
        {
            _best = metric;
            _bad = 0;
        }
        else
        {
            _bad++;
        }

        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _bad = 0;
        }

        if (_bad <= Options.Patience)
        {
            return false;
        }

        _bad = 0;
        _cooldownLeft = Options.Cooldown;
        var old = Optimizer.LearningRate;
        var lowered = Math.Max(old * Options.Factor, Options.MinLearningRate);
        if (old - lowered <= Options.Epsilon)
        {
            return false;
        }

        Optimizer.LearningRate = lowered;
        return true;
    }

    /// <summary>Where the schedule stands, for a checkpoint.</summary>
    public ReduceOnPlateauState ExportState() => new(_best, _bad, _cooldownLeft, StepCount);

    /// <summary>Resumes from <paramref name="state"/> (from <see cref="ExportState"/>); the learning rate itself
    /// is the optimizer's and comes back with its state.</summary>
    public void ImportState(ReduceOnPlateauState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (double.IsNaN(state.Best) || state.BadSteps < 0 || state.CooldownLeft < 0 || state.StepCount < 0)
        {
            throw new ArgumentException($"ReduceOnPlateau: the state {state} is not one this schedule makes " +
                "(NaN best or a negative count).", nameof(state));
        }

        (_best, _bad, _cooldownLeft, StepCount) = (state.Best, state.BadSteps, state.CooldownLeft, state.StepCount);
    }

    private double Worst => Options.Mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;

    private bool IsBetter(double metric)
    {
        var t = Options.Threshold;
        var relative = Options.ThresholdMode == ThresholdMode.Relative;
        return Options.Mode == PlateauMode.Min
            ? metric < (relative ? _best * (1 - t) : _best - t)
            : metric > (relative ? _best * (1 + t) : _best + t);
    }

    private static void Check(bool ok, FormattableString message)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException("options",
                $"ReduceOnPlateau: {FormattableString.Invariant(message)}");
        }
    }
}
