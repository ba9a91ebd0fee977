using Astrograd.Data;

namespace Astrograd.Runs;

/// <summary>
/// The steps from raw table columns to a model's features, shared by training and prediction: sentinels become
/// NaN, colours are derived from magnitudes, and missing values are refused, dropped or imputed.
/// </summary>
public sealed class FeatureRecipe
{
    /// <summary>Creates a recipe.</summary>
    /// <param name="sentinels">Values that mean "missing" (finite).</param>
    /// <param name="policy">What to do with missing feature values.</param>
    /// <param name="colors">Colours to derive, or null.</param>
    /// <param name="imputer">The fitted imputer (impute only), or null.</param>
    public FeatureRecipe(IReadOnlyList<double> sentinels, MissingPolicy policy, ColorFeatures? colors,
        Imputer? imputer)
    {
        ArgumentNullException.ThrowIfNull(sentinels);
        Sentinels = sentinels;
        Policy = policy;
        Colors = colors;
        Imputer = imputer;
    }

    /// <summary>No sentinels, no colours, missing values refused: what a model written before recipes did.</summary>
    public static FeatureRecipe None { get; } = new([], MissingPolicy.Refuse, null, null);

    /// <summary>Values that mean "missing".</summary>
    public IReadOnlyList<double> Sentinels { get; }

    /// <summary>What is done with missing feature values.</summary>
    public MissingPolicy Policy { get; }

    /// <summary>The derived colours, or null.</summary>
    public ColorFeatures? Colors { get; }

    /// <summary>The fitted imputer, or null.</summary>
    public Imputer? Imputer { get; }

    /// <summary>The recipe as <c>model.json</c> stores it.</summary>
    public PreprocessingCard ToCard() => new()
    {
        Sentinels = Sentinels,
        Colors = Colors?.Bands,
        OnMissing = Policy.ToName(),
        Imputed = Imputer is { } imputer
            ? [.. imputer.Columns.Select((c, j) => new ImputedFeatureCard
            {
                Feature = c,
                Median = imputer.Medians[j],
                Indicator = imputer.HasIndicator[j],
            })]
            : null,
    };

    /// <summary>The recipe a card describes; null (a model written before recipes) gives <see cref="None"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A field cannot be used (the caller names the card).</exception>
    public static FeatureRecipe FromCard(PreprocessingCard? card)
    {
        if (card is null)
        {
            return None;
        }

        if (!MissingPolicyNames.TryParse(card.OnMissing, out var policy))
        {
            throw new ArgumentException($"'preprocessing.on_missing' is '{card.OnMissing}'; expected " +
                $"{string.Join(", ", MissingPolicyNames.Names)}");
        }

        if (card.Sentinels is null || !card.Sentinels.All(double.IsFinite))
        {
            throw new ArgumentException("'preprocessing.sentinels' must be a list of finite numbers");
        }

        var colors = card.Colors is null ? null : ColorFeatures.Of(card.Colors);
        Imputer? imputer = null;
        if (policy == MissingPolicy.Impute)
        {
            var imputed = card.Imputed ?? throw new ArgumentException(
                "'preprocessing.imputed' must list the features with their medians for on_missing 'impute'");
            if (imputed.Any(i => i is null || string.IsNullOrEmpty(i.Feature)))
            {
                throw new ArgumentException("'preprocessing.imputed' holds an entry without a feature name");
            }

            imputer = Imputer.FromState([.. imputed.Select(i => i.Feature)], [.. imputed.Select(i => i.Median)],
                [.. imputed.Select(i => i.Indicator)]);
        }

        return new FeatureRecipe(card.Sentinels, policy, colors, imputer);
    }

    /// <summary>The features before imputation adds indicators: the model's features without the indicators.
    /// </summary>
    public IReadOnlyList<string> BaseFeatures(IReadOnlyList<string> modelFeatures)
    {
        ArgumentNullException.ThrowIfNull(modelFeatures);
        var indicators = Imputer?.IndicatorNames.ToHashSet(StringComparer.Ordinal) ?? [];
        return [.. modelFeatures.Where(f => !indicators.Contains(f))];
    }

    /// <summary>The raw table columns <paramref name="baseFeatures"/> are made from: the bands of the colours, then
    /// every feature that is not a colour.</summary>
    public IReadOnlyList<string> SourceColumns(IReadOnlyList<string> baseFeatures)
    {
        ArgumentNullException.ThrowIfNull(baseFeatures);
        var colors = Colors?.Names.ToHashSet(StringComparer.Ordinal) ?? [];
        return [.. (Colors?.Bands ?? []).Concat(baseFeatures.Where(f => !colors.Contains(f)))
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Sentinels of <paramref name="columns"/> (and only those) replaced by NaN, then the colours
    /// appended.</summary>
    public DataTable Derive(DataTable table, IEnumerable<int> columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        table = Data.Sentinels.Replace(table, columns, Sentinels);
        return Colors is null ? table : Colors.AddTo(table);
    }

    /// <summary>
    /// The model's features from a raw table at prediction time: the recipe applied exactly as in training, the
    /// features found by name.
    /// </summary>
    /// <param name="table">The raw table.</param>
    /// <param name="modelFeatures">The model's features, in input order (model.json <c>features</c>).</param>
    /// <returns>The derived table, the indices of the model's features in it, and how many values were imputed.
    /// </returns>
    /// <exception cref="DataException">A needed column is absent or unreadable, or a feature value is missing
    /// and the model was not trained to impute it (naming the columns and rows).</exception>
    public (DataTable Table, int[] Columns, int Imputed) ForPrediction(DataTable table,
        IReadOnlyList<string> modelFeatures)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sources = SourceColumns(BaseFeatures(modelFeatures));
        var absent = sources.Where(f => !table.TryGetIndex(f, out _)).ToList();
        if (absent.Count > 0)
        {
            throw DataException.At($"the model needs the feature column{(absent.Count == 1 ? "" : "s")} " +
                $"{MessageText.List(absent.Select(f => $"'{f}'"), 10)}, which the table lacks; available columns: " +
                $"{MessageText.List(table.ColumnNames, 10)}", table.Source);
        }

        var indices = table.IndicesOf(sources.Select(ColumnRef.FromName));
        foreach (var c in indices)
        {
            CellFault.ThrowIfAny(table.Columns[c], table.Source);
        }

        var missing = MissingCells.Count(table, indices, Sentinels);
        if (missing.Any && Policy != MissingPolicy.Impute)
        {
            var why = Policy == MissingPolicy.Drop
                ? "the model was trained with --on-missing drop, but predict writes one row per input row; fix or " +
                    "remove those rows, or train with --on-missing impute"
                : "the model was trained with --on-missing refuse, so it needs every feature value; fix or remove " +
                    "those rows, or train with --on-missing impute";
            throw DataException.At($"missing feature values: {missing}; {why}", table.Source);
        }

        var derived = Derive(table, indices);
        var imputed = 0;
        if (Imputer is not null)
        {
            derived = Imputer.Apply(derived, out imputed);
        }

        return (derived, derived.IndicesOf(modelFeatures.Select(ColumnRef.FromName)), imputed);
    }
}
