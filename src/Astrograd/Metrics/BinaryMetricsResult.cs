namespace Astrograd.Metrics;

/// <summary>
/// Metrics of a binary classifier on one set of samples; produced by <see cref="BinaryMetrics.Compute"/>.
/// </summary>
/// <param name="Count">Number of samples.</param>
/// <param name="Positives">Number of samples with true label 1.</param>
/// <param name="Threshold">The cut used for the thresholded metrics: predicted 1 when score ≥ threshold.</param>
/// <param name="Confusion">Counts at <paramref name="Threshold"/>.</param>
/// <param name="Accuracy">(TP + TN) / Count.</param>
/// <param name="Precision">TP / (TP + FP); 0 when nothing is predicted positive (scikit-learn's
/// <c>zero_division=0</c>).</param>
/// <param name="Recall">TP / (TP + FN); 0 when no sample is positive.</param>
/// <param name="F1">2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall; 0 when TP = 0.</param>
/// <param name="RocAuc">Area under the ROC curve (threshold-free); NaN when one class is absent.</param>
/// <param name="RocAucNote">Why <paramref name="RocAuc"/> is NaN; null when it is defined.</param>
public sealed record BinaryMetricsResult(
    int Count,
    int Positives,
    double Threshold,
    BinaryConfusionMatrix Confusion,
    double Accuracy,
    double Precision,
    double Recall,
    double F1,
    double RocAuc,
    string? RocAucNote) : IMetricSet
{
    /// <summary>Number of samples with true label 0.</summary>
    public int Negatives => Count - Positives;

    /// <summary>
    /// <c>accuracy</c>, <c>precision</c>, <c>recall</c>, <c>f1</c>, <c>roc_auc</c>, <c>count</c>, in that order.
    /// </summary>
    public IReadOnlyDictionary<string, double> ToNamedValues() => NamedValues.Of(
        (MetricNames.Accuracy, Accuracy),
        (MetricNames.Precision, Precision),
        (MetricNames.Recall, Recall),
        (MetricNames.F1, F1),
        (MetricNames.RocAuc, RocAuc),
        (MetricNames.Count, Count));
}
