namespace Astrograd.Optim;

/// <summary>How <see cref="Lbfgs{T}"/> chooses the length of each step along its search direction.</summary>
public enum LbfgsLineSearch
{
    /// <summary>A line search for a step that satisfies the strong Wolfe conditions (the usual choice).</summary>
    StrongWolfe,

    /// <summary>A fixed step of λ along the direction (λ·min(1, 1/‖g‖₁) on the very first iteration).</summary>
    None,
}

/// <summary>Options of <see cref="Lbfgs{T}"/>; checked when the optimizer is made.</summary>
/// <param name="LearningRate">λ &gt; 0, the first step tried along each direction (1 suits L-BFGS, whose
/// directions are already scaled by the curvature).</param>
/// <param name="MaxIterations">Iterations per <see cref="Lbfgs{T}.Step(System.Func{T})"/>, ≥ 1.</param>
/// <param name="MaxEvaluations">Loss evaluations per step, ≥ 1; null means ⌊1.25·MaxIterations⌋.</param>
/// <param name="GradientTolerance">A step stops once max |gᵢ| ≤ this, ≥ 0.</param>
/// <param name="ChangeTolerance">A step stops once the loss or the parameters change by no more than this, ≥ 0.
/// </param>
/// <param name="HistorySize">m ≥ 1, the number of (s, y) pairs kept to model the inverse Hessian.</param>
/// <param name="LineSearch">How the step length is chosen.</param>
/// <param name="SufficientDecrease">c₁ of the Armijo condition, in (0, Curvature).</param>
/// <param name="Curvature">c₂ of the strong curvature condition, in (SufficientDecrease, 1).</param>
/// <param name="MaxLineSearchEvaluations">Loss evaluations one line search may use, ≥ 1.</param>
public sealed record LbfgsOptions(double LearningRate = 1, int MaxIterations = 20, int? MaxEvaluations = null,
    double GradientTolerance = 1e-7, double ChangeTolerance = 1e-9, int HistorySize = 100,
    LbfgsLineSearch LineSearch = LbfgsLineSearch.StrongWolfe, double SufficientDecrease = 1e-4,
    double Curvature = 0.9, int MaxLineSearchEvaluations = 25)
{
    /// <summary>The evaluation budget of one step: <see cref="MaxEvaluations"/> or ⌊1.25·MaxIterations⌋.</summary>
    public int EvaluationBudget => MaxEvaluations ?? Math.Max(1, MaxIterations * 5 / 4);

    internal void Validate()
    {
        Check(LearningRate > 0 && double.IsFinite(LearningRate),
            $"the learning rate must be finite and > 0, got {LearningRate}.");
        Check(MaxIterations >= 1, $"MaxIterations must be >= 1, got {MaxIterations}.");
        Check(MaxEvaluations is null or >= 1, $"MaxEvaluations must be >= 1 (or null), got {MaxEvaluations}.");
        Check(GradientTolerance >= 0 && double.IsFinite(GradientTolerance),
            $"GradientTolerance must be finite and >= 0, got {GradientTolerance}.");
        Check(ChangeTolerance >= 0 && double.IsFinite(ChangeTolerance),
            $"ChangeTolerance must be finite and >= 0, got {ChangeTolerance}.");
        Check(HistorySize >= 1, $"HistorySize must be >= 1, got {HistorySize}.");
        Check(Enum.IsDefined(LineSearch), $"LineSearch must be StrongWolfe or None, got {(int)LineSearch}.");
        var (c1, c2) = (SufficientDecrease, Curvature); // short names keep the message one FormattableString
        Check(SufficientDecrease > 0 && SufficientDecrease < Curvature && Curvature < 1,
            $"the Wolfe constants must satisfy 0 < SufficientDecrease < Curvature < 1, got {c1} and {c2}.");
        Check(MaxLineSearchEvaluations >= 1,
            $"MaxLineSearchEvaluations must be >= 1, got {MaxLineSearchEvaluations}.");
    }

    private static void Check(bool ok, FormattableString message)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException("options",
                $"Lbfgs: {FormattableString.Invariant(message)}");
        }
    }
}
