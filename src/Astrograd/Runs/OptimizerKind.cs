namespace Astrograd.Runs;

/// <summary>The optimizers a run can train with (<c>--optimizer</c>).</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent with momentum; weight decay is an L2 term in the gradient.</summary>
    Sgd,

    /// <summary>Adam; weight decay is an L2 term in the gradient.</summary>
    Adam,

    /// <summary>AdamW; weight decay is decoupled, w ← w·(1 − λ·decay) each step.</summary>
    AdamW,

    /// <summary>RMSprop; weight decay is an L2 term in the gradient.</summary>
    RmsProp,

    /// <summary>iRprop⁻ (sign-based steps; no weight decay).</summary>
    Rprop,

    /// <summary>L-BFGS with a strong-Wolfe line search, on the full batch (no weight decay).</summary>
    Lbfgs,
}

/// <summary>The learning-rate schedules a run can use (<c>--schedule</c>), stepped once per epoch.</summary>
public enum ScheduleKind
{
    /// <summary>A constant learning rate.</summary>
    None,

    /// <summary>λ·γ^⌊e / step-size⌋ after epoch e.</summary>
    Step,

    /// <summary>λ·γ^e after epoch e.</summary>
    Exponential,

    /// <summary>Linear warm-up, then cosine annealing down to the minimum rate at the last epoch.</summary>
    Cosine,

    /// <summary>λ·γ after step-size epochs without a better validation loss (training loss without
    /// validation), never below the minimum rate.</summary>
    Plateau,
}

/// <summary>Names of <see cref="OptimizerKind"/> and <see cref="ScheduleKind"/> as the command line and
/// <c>model.json</c> spell them.</summary>
public static class TrainingChoiceNames
{
    /// <summary>sgd, adam, adamw, rmsprop, rprop, lbfgs.</summary>
    public static IReadOnlyList<string> Optimizers { get; } = ["sgd", "adam", "adamw", "rmsprop", "rprop", "lbfgs"];

    /// <summary>none, step, exponential, cosine, plateau.</summary>
    public static IReadOnlyList<string> Schedules { get; } = ["none", "step", "exponential", "cosine", "plateau"];

    /// <summary>The lower-case name of <paramref name="kind"/>.</summary>
    public static string ToName(this OptimizerKind kind) => Optimizers[(int)kind];

    /// <summary>The lower-case name of <paramref name="kind"/>.</summary>
    public static string ToName(this ScheduleKind kind) => Schedules[(int)kind];

    /// <summary>The optimizer named <paramref name="name"/> (any case), or false.</summary>
    public static bool TryParseOptimizer(string? name, out OptimizerKind kind)
    {
        var i = IndexOf(Optimizers, name);
        kind = (OptimizerKind)Math.Max(i, 0);
        return i >= 0;
    }

    /// <summary>The schedule named <paramref name="name"/> (any case), or false.</summary>
    public static bool TryParseSchedule(string? name, out ScheduleKind kind)
    {
        var i = IndexOf(Schedules, name);
        kind = (ScheduleKind)Math.Max(i, 0);
        return i >= 0;
    }

    private static int IndexOf(IReadOnlyList<string> names, string? name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
