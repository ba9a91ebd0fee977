using Astrograd.Data;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>Regression rows with one or several targets (and their known variances) for
/// <see cref="PreparedData"/>.</summary>
internal static class MultiTarget
{
    /// <summary>Several targets, or a --sigma, make a regression: refuses a classification task and text targets.
    /// </summary>
    public static void Check(DataTable table, TargetColumns targets, ref TaskKind task, RunConfig config,
        string? source)
    {
        if (targets.Targets.Length == 1 && targets.Sigmas is null)
        {
            return;
        }

        var why = targets.Targets.Length > 1 ? "several --target columns" : "--sigma";
        if (config.Task is { } given && given != TaskKind.Regression)
        {
            throw new RunConfigException("--task",
                $"{why} make a regression, not --task {given.ToString().ToLowerInvariant()}");
        }

        foreach (var t in targets.Targets)
        {
            if (table.Columns[t].Kind != ColumnKind.Numeric)
            {
                throw DataException.At($"holds text; {why} need numeric targets", source,
                    column: table.ColumnNames[t]);
            }
        }

        task = TaskKind.Regression;
    }

    /// <summary>The rows <paramref name="rows"/>: standardised features, targets [n, k] (scaled by
    /// <paramref name="scaling"/> when given) and the matching σ² (divided by std²). A target that is not finite,
    /// or whose σ² is NaN (missing), becomes NaN: a missing label.</summary>
    public static TrainingSet<float> MakeSet(DataTable table, int[] features, int[] targets, int[] rows,
        Standardizer scaler, TargetScaling? scaling, double[]? variances)
    {
        // Straight from the columns, without copying the chosen rows first (see PreparedData.MakeSet).
        var x = new float[(long)rows.Length * features.Length];
        scaler.Transform(table, features, rows, x);
        var k = targets.Length;
        var y = new double[rows.Length * k];
        for (var j = 0; j < k; j++)
        {
            // NaN marks a missing label (±∞ too, and a known target whose σ is missing): the losses mask each
            // such element out.
            var values = table.Columns[targets[j]].Numbers;
            for (var i = 0; i < rows.Length; i++)
            {
                var value = values[rows[i]];
                var unweighted = variances is not null && double.IsNaN(variances[(rows[i] * k) + j]);
                y[(i * k) + j] = double.IsFinite(value) && !unweighted ? value : double.NaN;
            }
        }

        scaling?.Apply(y);
        float[]? v = null;
        if (variances is not null)
        {
            v = new float[rows.Length * k];
            for (var i = 0; i < rows.Length; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    var std = scaling?.Std[j] ?? 1;
                    var variance = variances[(rows[i] * k) + j];
                    v[(i * k) + j] = double.IsNaN(variance) ? 1f : (float)(variance / (std * std));
                }
            }
        }

        return new TrainingSet<float>(x, features.Length, [.. y.Select(value => (float)value)], k, null)
        {
            Variances = v,
        };
    }
}
