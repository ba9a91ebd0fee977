namespace Astrograd.Data;

/// <summary>What training does with missing feature values (NaN, empty cells, FITS nulls, sentinels, ±∞).</summary>
public enum MissingPolicy
{
    /// <summary>Refuse the table, naming each column's count and its first rows (the default).</summary>
    Refuse,

    /// <summary>Leave out every row with a missing feature value.</summary>
    Drop,

    /// <summary>
    /// Fill each missing value with the median of its feature over the training rows, and add a 0/1 indicator
    /// feature for each feature that had missing values among the training rows.
    /// </summary>
    Impute,
}

/// <summary>The names of <see cref="MissingPolicy"/> as the command line and model.json spell them.</summary>
public static class MissingPolicyNames
{
    /// <summary>refuse, drop, impute.</summary>
    public static IReadOnlyList<string> Names { get; } = ["refuse", "drop", "impute"];

    /// <summary>The lower-case name.</summary>
    public static string ToName(this MissingPolicy policy) => policy switch
    {
        MissingPolicy.Drop => "drop",
        MissingPolicy.Impute => "impute",
        _ => "refuse",
    };

    /// <summary>Parses a name (any case); false for anything else.</summary>
    public static bool TryParse(string? text, out MissingPolicy policy)
    {
        var index = text is null ? -1 : Names.ToList().FindIndex(n => n.Equals(text.Trim(),
            StringComparison.OrdinalIgnoreCase));
        policy = index < 0 ? MissingPolicy.Refuse : (MissingPolicy)index;
        return index >= 0;
    }
}
