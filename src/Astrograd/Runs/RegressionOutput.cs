using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>
/// A regression model's predictions in the targets' own units: k values per row and, for a loss that predicts a
/// variance, k standard deviations.
/// </summary>
/// <param name="Names">The target columns, in output order.</param>
/// <param name="Values">Predicted values [n, k], row-major.</param>
/// <param name="Sigmas">Predicted standard deviations [n, k] (gaussian-nll: the Gaussian's σ; student-t: the
/// scale, whose standard deviation is scale·√(ν/(ν − 2)) for ν &gt; 2), or null.</param>
public sealed record RegressionOutput(IReadOnlyList<string> Names, double[] Values, double[]? Sigmas)
{
    /// <summary>k, the number of targets.</summary>
    public int Targets => Names.Count;

    /// <summary>n, the number of rows.</summary>
    public int Rows => Targets == 0 ? 0 : Values.Length / Targets;
}

/// <summary>Reads regression outputs through a model's card (heads layout, target standardisation).</summary>
public static class RegressionOutputs
{
    /// <summary>The target names of a card: <see cref="ModelCard.Targets"/>, else the one
    /// <see cref="ModelCard.Target"/>.</summary>
    public static IReadOnlyList<string> TargetNames(this ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.Targets ?? [card.Target];
    }

    /// <summary>Decodes raw outputs [n, outputs] of <paramref name="model"/> into values (and σ) in the targets'
    /// units.</summary>
    public static RegressionOutput Decode(this TrainedModel model, ReadOnlySpan<float> raw)
    {
        ArgumentNullException.ThrowIfNull(model);
        var card = model.Card;
        var names = card.TargetNames();
        var k = names.Count;
        var values = OutputHeads.Means(raw, k, card.Architecture.Outputs).Select(v => (double)v).ToArray();
        var sigmas = ModelCardTargets.PredictsVariance(card) ? OutputHeads.Sigmas(raw, k) : null;
        if (Scaling(card) is { } scaling)
        {
            scaling.Invert(values);
            if (sigmas is not null)
            {
                scaling.InvertSpread(sigmas);
            }
        }

        return new RegressionOutput(names, values, sigmas);
    }

    /// <summary>The targets of <paramref name="set"/> in their own units, [n, k] (the set holds them scaled
    /// when the model standardised its targets).</summary>
    public static double[] TargetsInUnits(this TrainedModel model, TrainingSet<float> set)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        var values = set.Targets!.Select(v => (double)v).ToArray();
        Scaling(model.Card)?.Invert(values);
        return values;
    }

    private static TargetScaling? Scaling(ModelCard card) =>
        card.TargetStandardization is { } s ? new TargetScaling(s.Mean, s.Std) : null;
}
