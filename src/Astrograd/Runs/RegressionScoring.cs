using Astrograd.Metrics;

namespace Astrograd.Runs;

/// <summary>
/// The metrics of a regression in the targets' units: rmse, mae, r2 (and the redshift metrics for a target that
/// <see cref="Scoring.IsRedshift"/>); with several targets the means plus <c>rmse_&lt;target&gt;</c>, … per
/// target, each over the rows where that target is known; with a predicted σ, <c>sigma_mean</c> and
/// <c>coverage_1sigma</c> (the share of rows with |y − ŷ| ≤ σ, 0.683 for calibrated Gaussian errors).
/// </summary>
public static class RegressionScoring
{
    /// <summary>Metrics by name of <paramref name="model"/>'s raw outputs against true values [n, k]. A NaN true
    /// value is a missing label: its row is left out of that target's metrics only (<c>count_&lt;target&gt;</c>
    /// says how many rows each target kept; <c>count</c>, the rows with at least one known target). A target
    /// without any known value gets no metrics.</summary>
    public static IReadOnlyDictionary<string, double> Score(TrainedModel model, ReadOnlySpan<float> raw,
        double[] truth)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(truth);
        var output = model.Decode(raw);
        var k = output.Targets;
        var known = Enumerable.Range(0, k).Select(j => Known(truth, output, j)).ToArray();
        var metrics = new Dictionary<string, double>();
        if (k == 1)
        {
            if (known[0].True.Length > 0)
            {
                foreach (var (name, value) in RegressionMetrics.Compute(known[0].True, known[0].Predicted)
                    .ToNamedValues())
                {
                    metrics[name] = value;
                }
            }
        }
        else
        {
            AddPerTarget(metrics, output.Names, known, truth);
        }

        for (var j = 0; j < k; j++)
        {
            var suffix = k == 1 ? string.Empty : "_" + output.Names[j];
            var (yTrue, yPred, s) = known[j];
            if (yTrue.Length == 0)
            {
                continue;
            }

            if (Scoring.IsRedshift(output.Names[j]) && yTrue.All(z => z > -1))
            {
                foreach (var (name, value) in RedshiftMetrics.Compute(yTrue, yPred).ToNamedValues())
                {
                    metrics.TryAdd(name + suffix, value);
                }
            }

            if (s is not null)
            {
                metrics["sigma_mean" + suffix] = s.Average();
                metrics["coverage_1sigma" + suffix] =
                    Enumerable.Range(0, s.Length).Count(i => Math.Abs(yTrue[i] - yPred[i]) <= s[i]) /
                    (double)s.Length;
            }
        }

        return metrics;
    }

    // Several targets: rmse, mae and r2 of each over its own known rows, and their means over the targets that
    // have any.
    private static void AddPerTarget(Dictionary<string, double> metrics, IReadOnlyList<string> names,
        (double[] True, double[] Predicted, double[]? Sigmas)[] known, double[] truth)
    {
        var k = names.Count;
        var results = new List<RegressionMetricsResult>(k);
        var perTarget = new Dictionary<string, double>();
        for (var j = 0; j < k; j++)
        {
            if (known[j].True.Length == 0)
            {
                continue;
            }

            var result = RegressionMetrics.Compute(known[j].True, known[j].Predicted);
            results.Add(result);
            var suffix = "_" + names[j];
            perTarget[MetricNames.Rmse + suffix] = result.Rmse;
            perTarget[MetricNames.Mae + suffix] = result.Mae;
            perTarget[MetricNames.R2 + suffix] = result.R2;
            perTarget[MetricNames.Count + suffix] = result.Count;
        }

        if (results.Count > 0)
        {
            metrics[MetricNames.Rmse] = results.Average(r => r.Rmse);
            metrics[MetricNames.Mae] = results.Average(r => r.Mae);
            metrics[MetricNames.R2] = results.Average(r => r.R2);
        }

        foreach (var (name, value) in perTarget)
        {
            metrics[name] = value;
        }

        metrics[MetricNames.Count] = Enumerable.Range(0, truth.Length / k)
            .Count(i => Enumerable.Range(0, k).Any(j => !double.IsNaN(truth[(i * k) + j])));
    }

    // Target j's true and predicted values (and σ) over the rows where it is known.
    private static (double[] True, double[] Predicted, double[]? Sigmas) Known(double[] truth,
        RegressionOutput output, int j)
    {
        var k = output.Targets;
        var rows = Enumerable.Range(0, truth.Length / k).Where(i => !double.IsNaN(truth[(i * k) + j])).ToArray();
        double[] Pick(double[] values) => [.. rows.Select(i => values[(i * k) + j])];
        return (Pick(truth), Pick(output.Values), output.Sigmas is { } sigmas ? Pick(sigmas) : null);
    }

    /// <summary>Column <paramref name="j"/> of a row-major [n, k] block.</summary>
    public static double[] Column(double[] values, int k, int j) =>
        [.. Enumerable.Range(0, values.Length / k).Select(i => values[(i * k) + j])];
}
