using System.Text.RegularExpressions;
using Astrograd.Metrics;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>Turns a network's raw outputs on labelled rows into the task's metrics.</summary>
public static partial class Scoring
{
    /// <summary>
    /// Metrics by short name: binary (accuracy, precision, recall, f1, roc_auc), multiclass (accuracy, macro_f1, …),
    /// regression (rmse, mae, r2; plus bias, sigma_nmad and outlier_fraction when the target is a redshift).
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="raw">Raw outputs [n, outputs].</param>
    /// <param name="outputs">Outputs per row.</param>
    /// <param name="labels">True classes (classification).</param>
    /// <param name="targets">True values (regression).</param>
    /// <param name="targetName">The target column's name, to recognise redshifts.</param>
    public static (IReadOnlyDictionary<string, double> Metrics, int[][]? Confusion) Score(TaskKind task,
        ReadOnlySpan<float> raw, int outputs, int[]? labels, float[]? targets, string targetName)
    {
        switch (task)
        {
            case TaskKind.Binary:
                {
                    var probabilities = Evaluation.Probabilities(raw, 1);
                    var r = BinaryMetrics.Compute(labels, probabilities);
                    return (r.ToNamedValues(), r.Confusion.ToArray());
                }

            case TaskKind.Multiclass:
                {
                    var r = MulticlassMetrics.Compute(labels, Evaluation.PredictClasses(raw, outputs), outputs);
                    return (r.ToNamedValues(), r.Confusion.ToArray());
                }

            default:
                {
                    // Rows whose label is missing (NaN) are masked out of the metrics as out of the loss.
                    // Multi-output would mask per output: a hook for ComputePerOutput when targets are [n, k].
                    var rawValues = raw.ToArray();
                    var labelled = Enumerable.Range(0, targets!.Length).Where(i => !float.IsNaN(targets[i])).ToArray();
                    var yTrue = labelled.Select(i => (double)targets[i]).ToArray();
                    var yPred = labelled.Select(i => (double)rawValues[i]).ToArray();
                    if (labelled.Length == 0)
                    {
                        return (new Dictionary<string, double>(), null);
                    }

                    var regression = RegressionMetrics.Compute(yTrue, yPred);
                    var metrics = new Dictionary<string, double>(regression.ToNamedValues());
                    if (IsRedshift(targetName))
                    {
                        foreach (var (k, v) in RedshiftMetrics.Compute(yTrue, yPred).ToNamedValues())
                        {
                            metrics[k] = v;
                        }
                    }

                    return (metrics, null);
                }
        }
    }

    /// <summary>True for target names astronomers use for redshifts: z, zspec, z_spec, redshift, …</summary>
    public static bool IsRedshift(string name) => RedshiftName().IsMatch(name ?? string.Empty);

    [GeneratedRegex(@"^(z|z_?spec|z_?true|spec_?z|redshift|zphot|z_?phot)$", RegexOptions.IgnoreCase)]
    private static partial Regex RedshiftName();
}
