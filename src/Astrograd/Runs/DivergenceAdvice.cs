using System.Globalization;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>
/// The words of a divergence: where training stopped (epoch, step, the learning rate in use), what went bad (the
/// loss, or a parameter's gradient, and where the weights ran away), and the two usual cures, a smaller learning
/// rate or gradient-norm clipping.
/// </summary>
internal static class DivergenceAdvice
{
    /// <summary>"at epoch 3, step 12 (learning rate 5): the loss became NaN; the weights of 'l0.weight' hold NaN
    /// or infinite values".</summary>
    public static string Where(Divergence d)
    {
        var at = Invariant($"at epoch {d.Epoch}, step {d.Step} (learning rate {Rate(d.LearningRate)})");
        var what = d.Parameter is { } p
            ? Invariant($"the gradient of '{p}' became NaN or infinite (loss {d.Loss:G6})")
            : Invariant($"the loss became {d.Loss}");
        var weights = d.Weight is not { } w ? string.Empty
            : double.IsFinite(d.WeightMagnitude)
                ? Invariant($"; the largest weight was |w| = {d.WeightMagnitude:G4} in '{w}'")
                : Invariant($"; the weights of '{w}' hold NaN or infinite values");
        return $"{at}: {what}{weights}";
    }

    /// <summary>"try a smaller --lr (now 5) or --clip-grad-norm 1" (a smaller limit when clipping is on).</summary>
    public static string Cure(RunConfig config)
    {
        var clip = config.ClipGradNorm is { } c
            ? $"a smaller --clip-grad-norm (now {Rate(c)})"
            : "--clip-grad-norm 1";
        return $"try a smaller --lr (now {Rate(config.LearningRate)}) or {clip}";
    }

    /// <summary>A rate or limit as every divergence message writes it: six significant digits, invariant
    /// (1E+09, 0.03, 0.00200962), so that the λ in use and --lr read alike.</summary>
    public static string Rate(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
