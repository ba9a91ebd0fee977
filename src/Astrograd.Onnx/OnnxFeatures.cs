using Astrograd.Data;
using Astrograd.Runs;
using Onnx;

namespace Astrograd.Onnx;

/// <summary>
/// The input side of an exported model: from the raw table columns to the standardised features, as
/// <see cref="FeatureRecipe.ForPrediction"/> and the Standardizer do it for predict. Sentinels become NaN, colours
/// are differences of magnitude columns, and an imputing model fills a missing value (NaN or ±∞) with its training
/// median and sets the 0/1 indicator feature; then z = (x − mean) / scale.
/// </summary>
/// <remarks>
/// A model without a recipe takes its features as they are, one column each, and the graph starts with the
/// standardisation. A model with one is split into single columns (Split without sizes, so that every
/// initializer stays float32), each column treated on its own, and the features concatenated in model order.
/// A model that refuses missing values cannot refuse a row in a graph: a NaN input gives NaN outputs.
/// </remarks>
internal static class OnnxFeatures
{
    /// <summary>The raw columns the exported model takes, in input order: the model's features when it has no
    /// recipe; otherwise the magnitude bands of its colours, then its other features without the missing-value
    /// indicators (<see cref="FeatureRecipe.SourceColumns"/>).</summary>
    public static IReadOnlyList<string> InputColumns(TrainedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var recipe = model.Recipe;
        return IsPlain(recipe)
            ? model.Card.Features
            : recipe.SourceColumns(recipe.BaseFeatures(model.Card.Features));
    }

    /// <summary>Appends the steps from the raw <paramref name="input"/> [N, columns] to the standardised features
    /// [N, features]; returns the name of the result.</summary>
    public static string Standardized(OnnxGraph g, TrainedModel model, string input)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(model);
        var features = IsPlain(model.Recipe) ? input : Derived(g, model, input);

        // z = (x − mean) / scale in float32; a constant feature has scale 1, as in the Standardizer.
        var k = model.Card.Features.Count;
        float[] means = [.. model.Scaler.Means.Select(m => (float)m)];
        float[] scales = [.. model.Scaler.Scales.Select(s => (float)s)];
        var centred = g.Node("Sub", "centred", [features, g.Floats("mean", [k], means)]);
        return g.Node("Div", "standardized", [centred, g.Floats("scale", [k], scales)]);
    }

    private static bool IsPlain(FeatureRecipe recipe) =>
        recipe.Sentinels.Count == 0 && recipe.Colors is null && recipe.Imputer is null;

    // The model's features [N, features] from the raw columns, one column at a time.
    private static string Derived(OnnxGraph g, TrainedModel model, string input)
    {
        var recipe = model.Recipe;
        var sources = InputColumns(model);
        var columns = sources.Count == 1 ? [input] : g.Nodes("Split", "column", [input], sources.Count,
            OnnxGraph.Int("axis", 1));
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var nan = recipe.Sentinels.Count > 0 ? g.Scalar("nan", float.NaN) : null;
        for (var c = 0; c < sources.Count; c++)
        {
            var value = columns[c];
            foreach (var sentinel in recipe.Sentinels)
            {
                // A sentinel is compared in float32, as a float32 FITS column is matched by predict.
                var isSentinel = g.Node("Equal", "is_sentinel", [value, g.Scalar("sentinel", (float)sentinel)]);
                value = g.Node("Where", "unsentinelled", [isSentinel, nan!, value]);
            }

            values[sources[c]] = value;
        }

        if (recipe.Colors is { } colors)
        {
            for (var k = 0; k < colors.Names.Count; k++)
            {
                var (blue, red) = (values[colors.Bands[k]], values[colors.Bands[k + 1]]);
                values[colors.Names[k]] = g.Node("Sub", "color", [blue, red]);
            }
        }

        if (recipe.Imputer is { } imputer)
        {
            for (var j = 0; j < imputer.Columns.Count; j++)
            {
                var name = imputer.Columns[j];
                var value = values[name];
                var missing = g.Node("Or", "missing",
                    [g.Node("IsNaN", "is_nan", [value]), g.Node("IsInf", "is_inf", [value])]);
                values[name] = g.Node("Where", "imputed",
                    [missing, g.Scalar("median", (float)imputer.Medians[j]), value]);
                if (imputer.HasIndicator[j])
                {
                    values[name + Imputer.IndicatorSuffix] = g.Node("Cast", "indicator", [missing],
                        OnnxGraph.Int("to", (int)TensorProto.Types.DataType.Float));
                }
            }
        }

        var features = model.Card.Features;
        return features.Count == 1
            ? values[features[0]]
            : g.Node("Concat", "features", features.Select(f => values[f]), OnnxGraph.Int("axis", 1));
    }
}
