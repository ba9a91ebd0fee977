namespace Astrograd.Training;

/// <summary>The command-line names of the losses (l1, l2, huber, bce, ce, chi2, gaussian-nll, student-t).</summary>
public static class LossNames
{
    /// <summary>Every name, in the order help lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["l1", "l2", "huber", "chi2", "gaussian-nll", "student-t", "bce", "ce"];

    /// <summary>The name of <paramref name="loss"/>, as <c>--loss</c> takes it and <c>model.json</c> stores it.
    /// </summary>
    public static string ToName(this LossKind loss) => loss switch
    {
        LossKind.GaussianNll => "gaussian-nll",
        LossKind.StudentT => "student-t",
        _ => loss.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses a name of <see cref="All"/> (case-insensitive; mse is l2).</summary>
    public static bool TryParse(string? text, out LossKind loss)
    {
        loss = text?.ToLowerInvariant() switch
        {
            "l1" => LossKind.L1,
            "l2" or "mse" => LossKind.L2,
            "huber" => LossKind.Huber,
            "bce" => LossKind.Bce,
            "ce" => LossKind.Ce,
            "chi2" => LossKind.Chi2,
            "gaussian-nll" => LossKind.GaussianNll,
            "student-t" => LossKind.StudentT,
            _ => (LossKind)(-1),
        };
        return Enum.IsDefined(loss);
    }

    /// <summary>True for the losses whose network predicts a mean and a log-variance per target.</summary>
    public static bool PredictsVariance(this LossKind loss) => loss is LossKind.GaussianNll or LossKind.StudentT;
}
