using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>The option checks of the losses that use measurement errors (chi2, gaussian-nll, student-t).
/// </summary>
internal static class ErrorAwareLosses
{
    /// <exception cref="RunConfigException">chi2 without --sigma, an empty --sigma, a bad --nu, or a σ
    /// with a loss that cannot use it.</exception>
    public static void Validate(RunConfig config)
    {
        if (config.Sigma is { } sigma && TargetColumns.Split(sigma).Any(string.IsNullOrWhiteSpace))
        {
            throw new RunConfigException("--sigma", $"has an empty entry in '{sigma}'; give the error column of " +
                "each target, comma-separated");
        }

        if (config.Loss == LossKind.Chi2 && config.Sigma is null)
        {
            throw new RunConfigException("--loss", "chi2 divides each squared residual by σ²; give the column of " +
                "the targets' 1-sigma errors with --sigma COL");
        }

        if (config.Sigma is not null && config.Loss is not (LossKind.Chi2 or LossKind.GaussianNll or
            LossKind.StudentT))
        {
            var loss = config.Loss?.ToName() ?? "the default loss";
            throw new RunConfigException("--sigma",
                $"{loss} does not use measurement errors; use --loss chi2, gaussian-nll or student-t");
        }

        if (!(config.Nu > 0) || !double.IsFinite(config.Nu))
        {
            throw new RunConfigException("--nu", FormattableString.Invariant(
                $"must be a finite number > 0 (degrees of freedom of student-t), got {config.Nu}"));
        }
    }
}
