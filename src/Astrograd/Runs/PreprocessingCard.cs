namespace Astrograd.Runs;

/// <summary>
/// How raw table columns became the model's features, as stored in <c>model.json</c> (<c>preprocessing</c>), so
/// that predict and evaluate derive them the same way: sentinels, colours, and the missing-value policy.
/// </summary>
public sealed record PreprocessingCard
{
    /// <summary>Values that mean "missing" (<c>--missing</c>), replaced by NaN in every used column.</summary>
    public IReadOnlyList<double> Sentinels { get; init; } = [];

    /// <summary>The magnitude columns colours were derived from (<c>--colors</c>), in order; null for none.
    /// </summary>
    public IReadOnlyList<string>? Colors { get; init; }

    /// <summary>refuse, drop or impute (<c>--on-missing</c>).</summary>
    public string OnMissing { get; init; } = "refuse";

    /// <summary>With impute: each filled feature's training median and whether it has an indicator feature
    /// (<c>&lt;name&gt;_missing</c>); null otherwise.</summary>
    public IReadOnlyList<ImputedFeatureCard>? Imputed { get; init; }
}

/// <summary>One imputed feature, as stored in <c>model.json</c>.</summary>
public sealed record ImputedFeatureCard
{
    /// <summary>The feature's name.</summary>
    public required string Feature { get; init; }

    /// <summary>The median of the feature over the training rows.</summary>
    public double Median { get; init; }

    /// <summary>Whether the feature has a 0/1 indicator feature <c>&lt;feature&gt;_missing</c>.</summary>
    public bool Indicator { get; init; }
}
