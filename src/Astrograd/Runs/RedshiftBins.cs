using System.Globalization;
using System.Text;
using System.Text.Json;
using Astrograd.Metrics;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>The redshift metrics of one target, per bin of true redshift.</summary>
/// <param name="Target">The redshift target's column name.</param>
/// <param name="Bins">One entry per bin, in edge order.</param>
public sealed record RedshiftBinTable(string Target, IReadOnlyList<RedshiftBinMetrics> Bins)
{
    /// <summary>The file a run directory keeps the table in.</summary>
    public const string FileName = "redshift_bins.csv";

    /// <summary>CSV: z_low, z_high, count, bias, bias_median, sigma_nmad, outlier_fraction, one line per bin.
    /// </summary>
    public string ToCsv()
    {
        var sb = new StringBuilder("z_low,z_high,count,bias,bias_median,sigma_nmad,outlier_fraction\n");
        foreach (var b in Bins)
        {
            var m = b.Metrics;
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"{b.Low:R},{b.High:R},{m.Count},{m.Bias:R},{m.MedianBias:R},{m.SigmaNmad:R},{m.OutlierFraction:R}"));
            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes the table as one JSON object: <c>target</c> and <c>bins</c>, a list of objects with the
    /// columns of <see cref="ToCsv"/> (an empty bin's count is 0 and its metrics null).</summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteString("target", Target);
        w.WriteStartArray("bins");
        foreach (var b in Bins)
        {
            var m = b.Metrics;
            w.WriteStartObject();
            w.WriteNumber("z_low", b.Low);
            w.WriteNumber("z_high", b.High);
            w.WriteNumber("count", m.Count);
            w.WriteFiniteOrNull("bias", m.Bias);
            w.WriteFiniteOrNull("bias_median", m.MedianBias);
            w.WriteFiniteOrNull("sigma_nmad", m.SigmaNmad);
            w.WriteFiniteOrNull("outlier_fraction", m.OutlierFraction);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}

/// <summary>
/// The photo-z workflow's per-bin table: for a regression whose target name looks like a redshift
/// (<see cref="Scoring.IsRedshift"/>: z, zspec, redshift, …) the bias, σ_NMAD and outlier fraction of
/// Δ = (ẑ − z) / (1 + z) in bins of true z, 0.1 wide (0.5 beyond z = 2), the first bin starting at 0 or the
/// lowest z if that is negative.
/// </summary>
public static class RedshiftBins
{
    /// <summary>The table of the first redshift-like target over its labelled rows (a NaN true value is left
    /// out), or null when none is, no row is labelled, or a z ≤ −1 is present.</summary>
    /// <param name="names">Target names, in output order.</param>
    /// <param name="truth">True values [n, k].</param>
    /// <param name="predicted">Predicted values [n, k].</param>
    public static RedshiftBinTable? For(IReadOnlyList<string> names, double[] truth, double[] predicted)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        var k = names.Count;
        for (var j = 0; j < k; j++)
        {
            if (!Scoring.IsRedshift(names[j]))
            {
                continue;
            }

            // A row without a true z (NaN: a missing label, masked in training) is in no bin.
            var labelled = Enumerable.Range(0, truth.Length / k).Where(i => !double.IsNaN(truth[(i * k) + j]))
                .ToArray();
            var z = labelled.Select(i => truth[(i * k) + j]).ToArray();
            var zHat = labelled.Select(i => predicted[(i * k) + j]).ToArray();
            if (z.Length == 0 || z.Any(v => !(v > -1) || !double.IsFinite(v)) || zHat.Any(v => !double.IsFinite(v)))
            {
                return null;
            }

            return new RedshiftBinTable(names[j], RedshiftMetrics.ComputeByBin(z, zHat, Edges(z)));
        }

        return null;
    }

    /// <summary>The table of <paramref name="model"/> on labelled rows (targets in the set's units).</summary>
    public static RedshiftBinTable? For(TrainedModel model, TrainingSet<float>? set)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (set is null || model.Task != TaskKind.Regression)
        {
            return null;
        }

        var raw = Evaluation.Forward(model.Network, set.Features, set.FeatureCount);
        return For(model.Card.TargetNames(), model.TargetsInUnits(set), model.Decode(raw).Values);
    }

    /// <summary>Bin edges covering <paramref name="z"/>: multiples of 0.1 (0.5 when z reaches beyond 2).</summary>
    public static double[] Edges(ReadOnlySpan<double> z)
    {
        double lo = 0, hi = 0;
        foreach (var v in z)
        {
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }

        var step = hi > 2 ? 0.5 : 0.1;
        var count = Math.Max(1, (int)Math.Ceiling((hi / step) - 1e-9));
        var edges = new List<double> { lo };
        for (var b = 1; b <= count; b++)
        {
            edges.Add(Math.Round(b * step, 10));
        }

        if (edges[^1] < hi)
        {
            edges.Add(hi);
        }

        return [.. edges];
    }
}
