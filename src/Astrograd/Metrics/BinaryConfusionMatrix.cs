namespace Astrograd.Metrics;

/// <summary>
/// The four counts of a binary classification: true negatives, false positives, false negatives, true positives.
/// </summary>
/// <param name="TrueNegatives">Samples with true label 0 predicted 0.</param>
/// <param name="FalsePositives">Samples with true label 0 predicted 1.</param>
/// <param name="FalseNegatives">Samples with true label 1 predicted 0.</param>
/// <param name="TruePositives">Samples with true label 1 predicted 1.</param>
public readonly record struct BinaryConfusionMatrix(
    int TrueNegatives, int FalsePositives, int FalseNegatives, int TruePositives)
{
    /// <summary>Total number of samples.</summary>
    public int Count => TrueNegatives + FalsePositives + FalseNegatives + TruePositives;

    /// <summary>
    /// The counts as a 2 × 2 array, rows = true class, columns = predicted class: <c>[[tn, fp], [fn, tp]]</c>
    /// (the layout of scikit-learn's <c>confusion_matrix</c>). A new array on each call.
    /// </summary>
    public int[][] ToArray() => [[TrueNegatives, FalsePositives], [FalseNegatives, TruePositives]];
}
