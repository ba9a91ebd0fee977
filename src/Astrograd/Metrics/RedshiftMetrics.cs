using System.Globalization;

namespace Astrograd.Metrics;

/// <summary>
/// Photometric-redshift quality metrics from true and predicted redshifts: bias, σ_NMAD and outlier fraction
/// of the normalised residual Δ = (z_pred − z_true) / (1 + z_true), overall and per redshift bin.
/// </summary>
public static class RedshiftMetrics
{
    /// <summary>The factor that makes the median absolute deviation a standard deviation for Gaussian data,
    /// 1 / Φ⁻¹(3/4) ≈ 1.4826.</summary>
    public const double NmadScale = 1.4826;

    /// <summary>The usual catastrophic-outlier cut on |Δ|.</summary>
    public const double DefaultOutlierThreshold = 0.15;

    private const string Metric = "RedshiftMetrics";

    /// <summary>Bias (mean and median of Δ), σ_NMAD and the outlier fraction over all samples.</summary>
    /// <param name="zTrue">True redshifts, one per sample, finite and &gt; −1.</param>
    /// <param name="zPred">Predicted redshifts, one per sample, finite.</param>
    /// <param name="outlierThreshold">A sample is an outlier when |Δ| &gt; this (strictly).</param>
    /// <returns>The metrics; see <see cref="RedshiftMetricsResult"/> for each formula.</returns>
    /// <exception cref="ArgumentException">Lengths differ, no samples, a non-finite value, z_true ≤ −1, or a
    /// negative or NaN threshold.</exception>
    public static RedshiftMetricsResult Compute(ReadOnlySpan<double> zTrue, ReadOnlySpan<double> zPred,
        double outlierThreshold = DefaultOutlierThreshold)
    {
        Validate(zTrue, zPred, outlierThreshold);

        var residuals = new double[zTrue.Length];
        for (var i = 0; i < residuals.Length; i++)
        {
            residuals[i] = Residual(zTrue[i], zPred[i]);
        }

        return FromResiduals(residuals, outlierThreshold);
    }

    /// <summary>
    /// The metrics of each redshift bin, for a table: bin b holds the samples with
    /// edges[b] ≤ z &lt; edges[b + 1] (the last bin also includes its upper edge), z being the true or the
    /// predicted redshift as <paramref name="binBy"/> says. Samples outside [edges[0], edges[^1]] are in no bin.
    /// </summary>
    /// <param name="zTrue">True redshifts, one per sample, finite and &gt; −1.</param>
    /// <param name="zPred">Predicted redshifts, one per sample, finite.</param>
    /// <param name="binEdges">At least two finite, strictly increasing edges.</param>
    /// <param name="outlierThreshold">A sample is an outlier when |Δ| &gt; this (strictly).</param>
    /// <param name="binBy">Which redshift places a sample in a bin.</param>
    /// <returns>One entry per bin, in edge order; an empty bin gets <see cref="RedshiftMetricsResult.Empty"/>.
    /// </returns>
    /// <exception cref="ArgumentException">As <see cref="Compute"/>, or edges that are fewer than two, not
    /// finite, or not strictly increasing.</exception>
    public static IReadOnlyList<RedshiftBinMetrics> ComputeByBin(ReadOnlySpan<double> zTrue,
        ReadOnlySpan<double> zPred, ReadOnlySpan<double> binEdges,
        double outlierThreshold = DefaultOutlierThreshold, RedshiftBinBy binBy = RedshiftBinBy.TrueRedshift)
    {
        Validate(zTrue, zPred, outlierThreshold);
        ValidateEdges(binEdges);

        var binCount = binEdges.Length - 1;
        var members = new List<double>[binCount];
        for (var b = 0; b < binCount; b++)
        {
            members[b] = [];
        }

        for (var i = 0; i < zTrue.Length; i++)
        {
            var z = binBy == RedshiftBinBy.TrueRedshift ? zTrue[i] : zPred[i];
            var bin = FindBin(binEdges, z);
            if (bin >= 0)
            {
                members[bin].Add(Residual(zTrue[i], zPred[i]));
            }
        }

        var results = new RedshiftBinMetrics[binCount];
        for (var b = 0; b < binCount; b++)
        {
            var metrics = members[b].Count == 0
                ? RedshiftMetricsResult.Empty
                : FromResiduals([.. members[b]], outlierThreshold);
            results[b] = new RedshiftBinMetrics(binEdges[b], binEdges[b + 1], metrics);
        }

        return Array.AsReadOnly(results);
    }

    private static double Residual(double zTrue, double zPred) => (zPred - zTrue) / (1.0 + zTrue);

    private static RedshiftMetricsResult FromResiduals(double[] residuals, double outlierThreshold)
    {
        System.Diagnostics.Debug.Assert(residuals.Length > 0);

        var sum = 0.0;
        var outliers = 0;
        foreach (var delta in residuals)
        {
            sum += delta;
            if (Math.Abs(delta) > outlierThreshold)
            {
                outliers++;
            }
        }

        var median = Statistics.MedianInPlace(residuals);
        for (var i = 0; i < residuals.Length; i++)
        {
            residuals[i] = Math.Abs(residuals[i] - median);
        }

        var nmad = NmadScale * Statistics.MedianInPlace(residuals);
        return new RedshiftMetricsResult(residuals.Length, sum / residuals.Length, median, nmad,
            (double)outliers / residuals.Length, outliers);
    }

    private static int FindBin(ReadOnlySpan<double> edges, double z)
    {
        if (z < edges[0] || z > edges[^1])
        {
            return -1;
        }

        // The last index whose edge is ≤ z, clamped so that z = edges[^1] lands in the last bin.
        var index = edges.BinarySearch(z);
        var bin = index >= 0 ? index : ~index - 1;
        return Math.Min(bin, edges.Length - 2);
    }

    private static void Validate(ReadOnlySpan<double> zTrue, ReadOnlySpan<double> zPred, double outlierThreshold)
    {
        MetricInputs.RequireSameNonZeroLength(Metric, zTrue.Length, zPred.Length, nameof(zPred));
        MetricInputs.RequireFinite(Metric, zTrue, nameof(zTrue));
        MetricInputs.RequireFinite(Metric, zPred, nameof(zPred));
        for (var i = 0; i < zTrue.Length; i++)
        {
            if (zTrue[i] <= -1.0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{Metric}: zTrue[{i}] is {zTrue[i]}; redshifts must exceed −1 so that 1 + z > 0."),
                    nameof(zTrue));
            }
        }

        if (!(outlierThreshold >= 0))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"{Metric}: outlierThreshold is {outlierThreshold}; pass a non-negative cut such as 0.15."),
                nameof(outlierThreshold));
        }
    }

    private static void ValidateEdges(ReadOnlySpan<double> edges)
    {
        if (edges.Length < 2)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"{Metric}: {edges.Length} bin edge(s) given; pass at least two, e.g. [0, 0.5, 1]."),
                "binEdges");
        }

        for (var b = 0; b < edges.Length; b++)
        {
            if (!double.IsFinite(edges[b]) || (b > 0 && !(edges[b] > edges[b - 1])))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{Metric}: binEdges[{b}] is {edges[b]}; edges must be finite and strictly increasing."),
                    "binEdges");
            }
        }
    }
}
