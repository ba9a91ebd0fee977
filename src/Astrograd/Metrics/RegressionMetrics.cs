using System.Globalization;

namespace Astrograd.Metrics;

/// <summary>Metrics of a regression: RMSE, MAE and R², for one output or per output.</summary>
public static class RegressionMetrics
{
    private const string Metric = "RegressionMetrics";

    /// <summary>RMSE, MAE and R² of one output.</summary>
    /// <param name="yTrue">True values, one per sample, all finite.</param>
    /// <param name="yPred">Predicted values, one per sample, all finite.</param>
    /// <returns>The metrics; R² is NaN, with a note, when every true value is the same (SS_tot = 0).</returns>
    /// <exception cref="ArgumentException">Lengths differ, no samples, or a non-finite value.</exception>
    public static RegressionMetricsResult Compute(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yPred)
    {
        MetricInputs.RequireSameNonZeroLength(Metric, yTrue.Length, yPred.Length, nameof(yPred));
        MetricInputs.RequireFinite(Metric, yTrue, nameof(yTrue));
        MetricInputs.RequireFinite(Metric, yPred, nameof(yPred));

        return ComputeStrided(yTrue, yPred, 0, 1, yTrue.Length);
    }

    /// <summary>RMSE, MAE and R² of each output of a multi-output regression, and their means.</summary>
    /// <param name="yTrue">True values, row-major [n, <paramref name="outputCount"/>]: sample i's output j at
    /// i·outputCount + j.</param>
    /// <param name="yPred">Predicted values, same layout as <paramref name="yTrue"/>.</param>
    /// <param name="outputCount">Number of outputs per sample, ≥ 1.</param>
    /// <returns>Per-output metrics and their unweighted means.</returns>
    /// <exception cref="ArgumentException">Lengths differ, a length not a multiple of
    /// <paramref name="outputCount"/>, no samples, or a non-finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputCount"/> &lt; 1.</exception>
    public static MultiOutputRegressionResult ComputePerOutput(ReadOnlySpan<double> yTrue,
        ReadOnlySpan<double> yPred, int outputCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputCount);
        MetricInputs.RequireSameNonZeroLength(Metric, yTrue.Length, yPred.Length, nameof(yPred));
        if (yTrue.Length % outputCount != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"{Metric}: {yTrue.Length} values do not split into rows of {outputCount} outputs; " +
                    $"pass a row-major [n, outputCount] block."),
                nameof(yTrue));
        }

        MetricInputs.RequireFinite(Metric, yTrue, nameof(yTrue));
        MetricInputs.RequireFinite(Metric, yPred, nameof(yPred));

        var rows = yTrue.Length / outputCount;
        var perOutput = new RegressionMetricsResult[outputCount];
        double rmseSum = 0, maeSum = 0, r2Sum = 0;
        for (var j = 0; j < outputCount; j++)
        {
            perOutput[j] = ComputeStrided(yTrue, yPred, j, outputCount, rows);
            rmseSum += perOutput[j].Rmse;
            maeSum += perOutput[j].Mae;
            r2Sum += perOutput[j].R2;
        }

        return new MultiOutputRegressionResult(Array.AsReadOnly(perOutput),
            rmseSum / outputCount, maeSum / outputCount, r2Sum / outputCount);
    }

    private static RegressionMetricsResult ComputeStrided(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yPred,
        int offset, int stride, int count)
    {
        // Two passes: the mean first, so SS_tot does not suffer the cancellation of Σy² − n·ȳ².
        var mean = 0.0;
        for (var i = 0; i < count; i++)
        {
            mean += yTrue[offset + (i * stride)];
        }

        mean /= count;

        double squared = 0, absolute = 0, total = 0;
        for (var i = 0; i < count; i++)
        {
            var y = yTrue[offset + (i * stride)];
            var error = yPred[offset + (i * stride)] - y;
            squared += error * error;
            absolute += Math.Abs(error);
            total += (y - mean) * (y - mean);
        }

        var r2 = total > 0 ? 1.0 - (squared / total) : double.NaN;
        var note = total > 0 ? null : "R² is undefined: every true value is the same, so SS_tot = 0.";
        return new RegressionMetricsResult(count, Math.Sqrt(squared / count), absolute / count, r2, note);
    }
}
