using System.Globalization;
using Astrograd.Runs;
using Astrograd.Training;

namespace Astrograd.Cli.Plots;

/// <summary>The held-out rows a run's ROC, confusion and prediction plots show, with the model's raw outputs.
/// </summary>
/// <param name="Part">"test", or "validation" when the run kept no test rows.</param>
/// <param name="Set">The rows.</param>
/// <param name="Raw">The trained model's raw outputs on them, [n, outputs] row-major.</param>
/// <param name="Outputs">Outputs per row.</param>
internal sealed record ScoredRows(string Part, TrainingSet<float> Set, float[] Raw, int Outputs)
{
    /// <summary>"test rows (n = 80)", for titles.</summary>
    public string Describe => string.Create(CultureInfo.InvariantCulture, $"{Part} rows (n = {Set.Rows})");

    /// <summary>The test rows, else the validation rows, else null (a run that held no rows out).</summary>
    public static ScoredRows? From(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (part, set) = result.Data.Test is { } test ? ("test", test)
            : result.Data.Validation is { } validation ? ("validation", validation)
            : (null, null);
        if (set is null)
        {
            return null;
        }

        var raw = Evaluation.Forward(result.Model.Network, set.Features, set.FeatureCount);
        if (result.Data.Task == TaskKind.Regression)
        {
            // The plots show the first target in its own units (several targets: the others are in metrics.json).
            var model = result.Model;
            var output = model.Decode(raw);
            var truth = RegressionScoring.Column(model.TargetsInUnits(set), output.Targets, 0);
            var values = RegressionScoring.Column(output.Values, output.Targets, 0);
            var first = new TrainingSet<float>(set.Features, set.FeatureCount, [.. truth.Select(v => (float)v)], 1,
                null);
            return Labelled(new ScoredRows(part!, first, [.. values.Select(v => (float)v)], 1));
        }

        return Labelled(new ScoredRows(part!, set, raw, result.Data.Outputs));
    }

    // Rows whose (single) regression target is missing have nothing to plot against.
    private static ScoredRows Labelled(ScoredRows rows)
    {
        var set = rows.Set;
        if (set.Targets is not { } y || set.TargetCount != 1 || set.Labels is not null || !y.Any(float.IsNaN))
        {
            return rows;
        }

        var keep = Enumerable.Range(0, set.Rows).Where(i => !float.IsNaN(y[i])).ToArray();
        var d = set.FeatureCount;
        var x = keep.SelectMany(i => set.Features.AsSpan(i * d, d).ToArray()).ToArray();
        var outputs = rows.Outputs;
        var raw = keep.SelectMany(i => rows.Raw.AsSpan(i * outputs, outputs).ToArray()).ToArray();
        return rows with
        {
            Set = new TrainingSet<float>(x, d, [.. keep.Select(i => y[i])], 1, null),
            Raw = raw,
        };
    }
}
