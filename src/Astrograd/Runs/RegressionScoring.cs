using Astrograd.Metrics;

namespace Astrograd.Runs;

/// <summary>
/// The metrics of a regression in the targets' units: rmse, mae, r2 (and the redshift metrics for a target that
/// <see cref="Scoring.IsRedshift"/>); with several targets the means plus <c>rmse_&lt;target&gt;</c>, … per
/// target; with a predicted σ, <c>sigma_mean</c> and <c>coverage_1sigma</c> (the share of rows with
/// |y − ŷ| ≤ σ, 0.683 for calibrated Gaussian errors).
/// </summary>
public static class RegressionScoring
{
    /// <summary>Metrics by name of <paramref name="model"/>'s raw outputs against true values [n, k].</summary>
    public static IReadOnlyDictionary<string, double> Score(TrainedModel model, ReadOnlySpan<float> raw,
        double[] truth)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(truth);
        var output = model.Decode(raw);
        var k = output.Targets;
        (truth, output) = Labelled(truth, output);
        var metrics = new Dictionary<string, double>();
        if (k == 1)
        {
            foreach (var (name, value) in RegressionMetrics.Compute(truth, output.Values).ToNamedValues())
            {
                metrics[name] = value;
            }
        }
        else
        {
            var multi = RegressionMetrics.ComputePerOutput(truth, output.Values, k);
            metrics[MetricNames.Rmse] = multi.Rmse;
            metrics[MetricNames.Mae] = multi.Mae;
            metrics[MetricNames.R2] = multi.R2;
            for (var j = 0; j < k; j++)
            {
                var suffix = "_" + output.Names[j];
                metrics[MetricNames.Rmse + suffix] = multi.PerOutput[j].Rmse;
                metrics[MetricNames.Mae + suffix] = multi.PerOutput[j].Mae;
                metrics[MetricNames.R2 + suffix] = multi.PerOutput[j].R2;
            }

            metrics[MetricNames.Count] = output.Rows;
        }

        for (var j = 0; j < k; j++)
        {
            var suffix = k == 1 ? string.Empty : "_" + output.Names[j];
            var yTrue = Column(truth, k, j);
            var yPred = Column(output.Values, k, j);
            if (Scoring.IsRedshift(output.Names[j]) && yTrue.All(z => z > -1))
            {
                foreach (var (name, value) in RedshiftMetrics.Compute(yTrue, yPred).ToNamedValues())
                {
                    metrics.TryAdd(name + suffix, value);
                }
            }

            if (output.Sigmas is { } sigmas)
            {
                var s = Column(sigmas, k, j);
                metrics["sigma_mean" + suffix] = s.Average();
                metrics["coverage_1sigma" + suffix] =
                    Enumerable.Range(0, s.Length).Count(i => Math.Abs(yTrue[i] - yPred[i]) <= s[i]) /
                    (double)s.Length;
            }
        }

        return metrics;
    }

    // Rows with a missing (NaN) target were masked out of the loss; the metrics leave them out too. With several
    // targets a row counts only when all of them are known (per-target counts would need per-target metrics).
    private static (double[] Truth, RegressionOutput Output) Labelled(double[] truth, RegressionOutput output)
    {
        var k = output.Targets;
        var rows = truth.Length / k;
        var keep = Enumerable.Range(0, rows)
            .Where(i => Enumerable.Range(0, k).All(j => !double.IsNaN(truth[(i * k) + j]))).ToArray();
        if (keep.Length == rows)
        {
            return (truth, output);
        }

        double[] Pick(double[] values) => [.. keep.SelectMany(i => values.AsSpan(i * k, k).ToArray())];
        return (Pick(truth), output with
        {
            Values = Pick(output.Values),
            Sigmas = output.Sigmas is { } sigmas ? Pick(sigmas) : null,
        });
    }

    /// <summary>Column <paramref name="j"/> of a row-major [n, k] block.</summary>
    public static double[] Column(double[] values, int k, int j) =>
        [.. Enumerable.Range(0, values.Length / k).Select(i => values[(i * k) + j])];
}
