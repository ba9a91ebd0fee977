using System.Globalization;

namespace Astrograd.Metrics;

/// <summary>
/// Metrics of a binary classifier from true labels (0 or 1) and scores: thresholded counts and rates, and the
/// threshold-free ROC AUC and ROC curve.
/// </summary>
/// <remarks>
/// Scores are any finite or infinite doubles where larger means "more likely positive" (probabilities, logits,
/// margins); NaN scores are rejected because they have no rank. A sample is predicted positive when
/// score ≥ threshold, the same rule the ROC curve uses at each of its thresholds.
/// </remarks>
public static class BinaryMetrics
{
    private const string Metric = "BinaryMetrics";

    /// <summary>
    /// Accuracy, precision, recall, F1 and the confusion matrix at <paramref name="threshold"/>, and ROC AUC.
    /// </summary>
    /// <param name="yTrue">True labels, each 0 or 1; one per sample.</param>
    /// <param name="scores">Scores or probabilities, one per sample; larger means more likely positive.</param>
    /// <param name="threshold">Predicted 1 when score ≥ threshold.</param>
    /// <returns>
    /// The metrics. Conventions for degenerate inputs (those of scikit-learn with <c>zero_division=0</c>):
    /// precision is 0 when nothing is predicted positive, recall is 0 when no sample is positive, F1 is 0 when
    /// TP = 0. ROC AUC is NaN, with <see cref="BinaryMetricsResult.RocAucNote"/> saying why, when all samples
    /// belong to one class.
    /// </returns>
    /// <exception cref="ArgumentException">Lengths differ, no samples, a label other than 0/1, a NaN score,
    /// or a NaN threshold.</exception>
    public static BinaryMetricsResult Compute(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> scores,
        double threshold = 0.5)
    {
        Validate(yTrue, scores);
        if (double.IsNaN(threshold))
        {
            throw new ArgumentException($"{Metric}: threshold is NaN; pass a number such as 0.5.", nameof(threshold));
        }

        int tn = 0, fp = 0, fn = 0, tp = 0;
        for (var i = 0; i < yTrue.Length; i++)
        {
            var predictedPositive = scores[i] >= threshold;
            switch ((yTrue[i] == 1, predictedPositive))
            {
                case (true, true):
                    tp++;
                    break;
                case (true, false):
                    fn++;
                    break;
                case (false, true):
                    fp++;
                    break;
                default:
                    tn++;
                    break;
            }
        }

        var positives = tp + fn;
        var negatives = tn + fp;
        var auc = RocAucValidated(yTrue, scores);
        string? note = positives == 0 ? "ROC AUC is undefined: no sample has true label 1."
            : negatives == 0 ? "ROC AUC is undefined: no sample has true label 0."
            : null;

        return new BinaryMetricsResult(
            Count: yTrue.Length,
            Positives: positives,
            Threshold: threshold,
            Confusion: new BinaryConfusionMatrix(tn, fp, fn, tp),
            Accuracy: (double)(tp + tn) / yTrue.Length,
            Precision: Ratio(tp, tp + fp),
            Recall: Ratio(tp, positives),
            F1: Ratio(2L * tp, (2L * tp) + fp + fn),
            RocAuc: auc,
            RocAucNote: note);
    }

    /// <summary>
    /// Exact area under the ROC curve: the probability that a random positive scores above a random negative,
    /// a tie counting one half. Equals the trapezoidal area under <see cref="RocCurve"/>.
    /// </summary>
    /// <remarks>
    /// Computed from ranks in O(n log n): sort the scores, and for each group of p positives and q negatives
    /// sharing one score add p·(negatives scored lower) + p·q/2; divide by positives·negatives. Integer counts
    /// make the result exact up to that final division.
    /// </remarks>
    /// <returns>The AUC on [0, 1]; NaN when all samples belong to one class.</returns>
    /// <exception cref="ArgumentException">Lengths differ, no samples, a label other than 0/1, or a NaN score.
    /// </exception>
    public static double RocAuc(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> scores)
    {
        Validate(yTrue, scores);
        return RocAucValidated(yTrue, scores);
    }

    /// <summary>
    /// The ROC curve, for plotting: one point per distinct score, from (0, 0) at threshold +∞ to (1, 1) at the
    /// smallest score, each point giving the rates when samples with score ≥ its threshold are predicted positive.
    /// </summary>
    /// <remarks>
    /// Every distinct score gives a point (no collinear points are dropped), so the curve has at most n + 1
    /// points. Tied scores move the curve diagonally, which is how the trapezoidal area counts a tie as one half.
    /// </remarks>
    /// <returns>The points, with non-decreasing rates; empty when all samples belong to one class (a rate
    /// would divide by zero).</returns>
    /// <exception cref="ArgumentException">Lengths differ, no samples, a label other than 0/1, or a NaN score.
    /// </exception>
    public static IReadOnlyList<RocPoint> RocCurve(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> scores)
    {
        Validate(yTrue, scores);

        var (sortedScores, sortedLabels, positives) = SortByScore(yTrue, scores);
        var negatives = yTrue.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return [];
        }

        // Walk from the highest score down, lowering the threshold one distinct score at a time.
        var points = new List<RocPoint> { new(0.0, 0.0, double.PositiveInfinity) };
        int tp = 0, fp = 0;
        var end = sortedScores.Length;
        while (end > 0)
        {
            var score = sortedScores[end - 1];
            var start = end - 1;
            var tpBefore = tp;
            while (start > 0 && sortedScores[start - 1] == score)
            {
                start--;
            }

            for (var i = start; i < end; i++)
            {
                tp += sortedLabels[i];
            }

            fp += end - start - (tp - tpBefore);

            points.Add(new RocPoint((double)fp / negatives, (double)tp / positives, score));
            end = start;
        }

        return points;
    }

    private static double RocAucValidated(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> scores)
    {
        var (sortedScores, sortedLabels, positives) = SortByScore(yTrue, scores);
        var negatives = yTrue.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        // Twice the count of (positive, negative) pairs ordered correctly, ties counting one: stays an integer.
        long twicePairs = 0, negativesBelow = 0;
        var start = 0;
        while (start < sortedScores.Length)
        {
            var end = start + 1;
            while (end < sortedScores.Length && sortedScores[end] == sortedScores[start])
            {
                end++;
            }

            long groupPositives = 0;
            for (var i = start; i < end; i++)
            {
                groupPositives += sortedLabels[i];
            }

            var groupNegatives = end - start - groupPositives;
            twicePairs += (2 * groupPositives * negativesBelow) + (groupPositives * groupNegatives);
            negativesBelow += groupNegatives;
            start = end;
        }

        return twicePairs / (2.0 * positives * negatives);
    }

    private static (double[] Scores, int[] Labels, int Positives) SortByScore(
        ReadOnlySpan<int> yTrue, ReadOnlySpan<double> scores)
    {
        var sortedScores = scores.ToArray();
        var sortedLabels = yTrue.ToArray();
        Array.Sort(sortedScores, sortedLabels);

        var positives = 0;
        foreach (var label in sortedLabels)
        {
            positives += label;
        }

        return (sortedScores, sortedLabels, positives);
    }

    private static void Validate(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> scores)
    {
        MetricInputs.RequireSameNonZeroLength(Metric, yTrue.Length, scores.Length, nameof(scores));
        MetricInputs.RequireClassLabels(Metric, yTrue, 2, nameof(yTrue));
        for (var i = 0; i < scores.Length; i++)
        {
            if (double.IsNaN(scores[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{Metric}: scores[{i}] is NaN; a NaN score has no rank. Remove or impute it first."),
                    nameof(scores));
            }
        }
    }

    private static double Ratio(long numerator, long denominator) =>
        denominator == 0 ? 0.0 : (double)numerator / denominator;
}
