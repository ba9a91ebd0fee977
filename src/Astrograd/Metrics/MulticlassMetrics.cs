namespace Astrograd.Metrics;

/// <summary>Metrics of a multiclass classifier from true and predicted class indices.</summary>
public static class MulticlassMetrics
{
    private const string Metric = "MulticlassMetrics";

    /// <summary>
    /// Accuracy, per-class precision/recall/F1/support, their macro averages, and the confusion matrix.
    /// </summary>
    /// <param name="yTrue">True classes, each in [0, <paramref name="classCount"/>); one per sample.</param>
    /// <param name="yPred">Predicted classes, each in [0, <paramref name="classCount"/>); one per sample.</param>
    /// <param name="classCount">Number of classes k ≥ 1.</param>
    /// <returns>
    /// The metrics. Per class, precision is 0 when the class is never predicted and recall is 0 when it has no
    /// samples (scikit-learn's <c>zero_division=0</c>). Macro averages run over the classes present in
    /// <paramref name="yTrue"/> or <paramref name="yPred"/>.
    /// </returns>
    /// <exception cref="ArgumentException">Lengths differ, no samples, or a label outside [0, k).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> &lt; 1.</exception>
    public static MulticlassMetricsResult Compute(ReadOnlySpan<int> yTrue, ReadOnlySpan<int> yPred, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        MetricInputs.RequireSameNonZeroLength(Metric, yTrue.Length, yPred.Length, nameof(yPred));
        MetricInputs.RequireClassLabels(Metric, yTrue, classCount, nameof(yTrue));
        MetricInputs.RequireClassLabels(Metric, yPred, classCount, nameof(yPred));

        var counts = new int[checked(classCount * classCount)];
        for (var i = 0; i < yTrue.Length; i++)
        {
            counts[(yTrue[i] * classCount) + yPred[i]]++;
        }

        var confusion = new ConfusionMatrix(classCount, counts);
        var perClass = new ClassMetrics[classCount];
        long correct = 0;
        double precisionSum = 0, recallSum = 0, f1Sum = 0;
        var present = 0;
        for (var c = 0; c < classCount; c++)
        {
            var tp = confusion[c, c];
            var support = confusion.TrueTotal(c);
            var predicted = confusion.PredictedTotal(c);
            var fn = support - tp;
            var fp = predicted - tp;
            correct += tp;

            perClass[c] = new ClassMetrics(c, Ratio(tp, predicted), Ratio(tp, support),
                Ratio(2L * tp, (2L * tp) + fp + fn), support);
            if (support > 0 || predicted > 0)
            {
                present++;
                precisionSum += perClass[c].Precision;
                recallSum += perClass[c].Recall;
                f1Sum += perClass[c].F1;
            }
        }

        // At least one class is present because there is at least one sample.
        return new MulticlassMetricsResult(
            Count: yTrue.Length,
            Accuracy: (double)correct / yTrue.Length,
            MacroPrecision: precisionSum / present,
            MacroRecall: recallSum / present,
            MacroF1: f1Sum / present,
            PerClass: Array.AsReadOnly(perClass),
            Confusion: confusion);
    }

    private static double Ratio(long numerator, long denominator) =>
        denominator == 0 ? 0.0 : (double)numerator / denominator;
}
