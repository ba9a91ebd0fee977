using System.Globalization;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>The card checks of regression targets: several names, their standardisation, and the outputs
/// that the loss implies (k, or 2k for a loss that predicts a variance).</summary>
internal static class ModelCardTargets
{
    /// <summary>The number of targets a card describes.</summary>
    public static int Count(ModelCard card) => card.Targets?.Count ?? 1;

    /// <summary>True when the card's loss predicts a mean and a log-variance per target.</summary>
    public static bool PredictsVariance(ModelCard card) =>
        LossNames.TryParse(card.Loss, out var loss) && loss.PredictsVariance();

    public static void Check(ModelCard card, Action<string> fail)
    {
        if (card.Task != "regression")
        {
            return;
        }

        if (card.Targets is { } targets && (targets.Count < 2 || targets.Any(string.IsNullOrEmpty)))
        {
            fail("'targets' must name two or more target columns (one target goes in 'target' alone)");
        }

        var k = Count(card);
        var expected = k * (PredictsVariance(card) ? 2 : 1);
        if (card.Architecture.Outputs != expected)
        {
            fail(string.Create(CultureInfo.InvariantCulture,
                $"a {card.Loss} model of {k} target(s) needs {expected} outputs, the architecture has " +
                $"{card.Architecture.Outputs}"));
        }

        if (card.TargetStandardization is { } s && (s.Mean is null || s.Std is null || s.Mean.Count != k
            || s.Std.Count != k || !s.Mean.All(double.IsFinite) || !s.Std.All(v => double.IsFinite(v) && v > 0)))
        {
            fail(string.Create(CultureInfo.InvariantCulture,
                $"'target_standardization' needs a finite 'mean' and a 'std' > 0 for each of the {k} targets"));
        }
    }
}
