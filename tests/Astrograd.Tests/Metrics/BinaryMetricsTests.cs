using Astrograd.Metrics;
using CsCheck;

namespace Astrograd.Tests.Metrics;

public class BinaryMetricsTests
{
    // Eight samples with a tie across classes at 0.5; expected values checked against scikit-learn 1.2.1.
    private static readonly int[] _handLabels = [0, 0, 1, 1, 1, 0, 1, 0];
    private static readonly double[] _handScores = [0.1, 0.6, 0.7, 0.4, 0.9, 0.3, 0.5, 0.5];

    [Fact]
    public void Compute_on_hand_case_gives_counts_rates_and_auc()
    {
        var result = BinaryMetrics.Compute(_handLabels, _handScores);

        Assert.Equal(new BinaryConfusionMatrix(TrueNegatives: 2, FalsePositives: 2, FalseNegatives: 1,
            TruePositives: 3), result.Confusion);
        Assert.Equal([[2, 2], [1, 3]], result.Confusion.ToArray());
        Assert.Equal(8, result.Count);
        Assert.Equal(4, result.Positives);
        Assert.Equal(4, result.Negatives);
        Assert.Equal(0.625, result.Accuracy, 15);
        Assert.Equal(0.6, result.Precision, 15);
        Assert.Equal(0.75, result.Recall, 15);
        Assert.Equal(2.0 / 3.0, result.F1, 15);
        Assert.Equal(0.78125, result.RocAuc, 15);
        Assert.Null(result.RocAucNote);
    }

    [Fact]
    public void Score_equal_to_threshold_is_predicted_positive()
    {
        var result = BinaryMetrics.Compute([1, 0], [0.5, 0.4999], threshold: 0.5);

        Assert.Equal(1, result.Confusion.TruePositives);
        Assert.Equal(1, result.Confusion.TrueNegatives);
    }

    [Fact]
    public void Named_values_use_the_short_names_in_fixed_order()
    {
        var named = BinaryMetrics.Compute(_handLabels, _handScores).ToNamedValues();

        Assert.Equal(["accuracy", "precision", "recall", "f1", "roc_auc", "count"], named.Keys);
        Assert.Equal(0.78125, named["roc_auc"], 15);
        Assert.Equal(8, named["count"]);
    }

    [Fact]
    public void No_positive_predictions_give_precision_and_f1_zero()
    {
        var result = BinaryMetrics.Compute([0, 1, 1], [0.1, 0.2, 0.3], threshold: 0.9);

        Assert.Equal(0, result.Precision);
        Assert.Equal(0, result.Recall);
        Assert.Equal(0, result.F1);
        Assert.Equal(1.0, result.RocAuc, 15);
    }

    [Fact]
    public void Only_negatives_give_nan_auc_with_a_reason_and_zero_recall()
    {
        var result = BinaryMetrics.Compute([0, 0, 0], [0.1, 0.7, 0.3]);

        Assert.True(double.IsNaN(result.RocAuc));
        Assert.Contains("no sample has true label 1", result.RocAucNote, StringComparison.Ordinal);
        Assert.Equal(0, result.Recall);
        Assert.Equal(0, result.Precision);
        Assert.Equal(2.0 / 3.0, result.Accuracy, 15);
        Assert.Empty(BinaryMetrics.RocCurve([0, 0, 0], [0.1, 0.7, 0.3]));
    }

    [Fact]
    public void Only_positives_give_nan_auc_with_a_reason()
    {
        var result = BinaryMetrics.Compute([1, 1], [0.9, 0.2]);

        Assert.True(double.IsNaN(result.RocAuc));
        Assert.Contains("no sample has true label 0", result.RocAucNote, StringComparison.Ordinal);
        Assert.Equal(0.5, result.Recall, 15);
        Assert.Equal(1.0, result.Precision, 15);
    }

    [Fact]
    public void Auc_is_one_for_perfect_ranking_zero_for_reversed_and_half_for_all_ties()
    {
        int[] labels = [0, 0, 1, 1];

        Assert.Equal(1.0, BinaryMetrics.RocAuc(labels, [0.1, 0.2, 0.8, 0.9]));
        Assert.Equal(0.0, BinaryMetrics.RocAuc(labels, [0.9, 0.8, 0.2, 0.1]));
        Assert.Equal(0.5, BinaryMetrics.RocAuc(labels, [0.3, 0.3, 0.3, 0.3]));
    }

    [Fact]
    public void Auc_accepts_infinite_scores_and_orders_them()
    {
        var auc = BinaryMetrics.RocAuc([0, 1, 0, 1],
            [double.NegativeInfinity, double.PositiveInfinity, -1e300, 1e300]);

        Assert.Equal(1.0, auc);
    }

    [Fact]
    public void Auc_on_tie_heavy_case_matches_scikit_learn()
    {
        // 40 samples, scores on five levels; roc_auc_score from scikit-learn 1.2.1.
        int[] labels =
        [
            1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
            1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1,
        ];
        double[] scores =
        [
            0.5, 0.25, 1.0, 0.0, 1.0, 0.75, 0.0, 0.0, 0.5, 0.0, 0.0, 0.5, 1.0, 0.5, 1.0, 1.0, 1.0, 0.75, 0.5, 0.5,
            0.25, 0.5, 0.25, 0.25, 1.0, 0.0, 0.0, 0.0, 1.0, 0.75, 1.0, 0.25, 0.75, 0.25, 0.5, 0.0, 0.75, 1.0, 0.75,
            0.0,
        ];

        Assert.Equal(0.5963541666666666, BinaryMetrics.RocAuc(labels, scores), 14);
    }

    [Fact]
    public void Roc_curve_on_hand_case_has_one_point_per_distinct_score()
    {
        var curve = BinaryMetrics.RocCurve(_handLabels, _handScores);

        // scikit-learn's roc_curve(drop_intermediate=False), with +inf where it writes max + 1.
        double[] fpr = [0, 0, 0, 0.25, 0.5, 0.5, 0.75, 1];
        double[] tpr = [0, 0.25, 0.5, 0.5, 0.75, 1, 1, 1];
        double[] thresholds = [double.PositiveInfinity, 0.9, 0.7, 0.6, 0.5, 0.4, 0.3, 0.1];
        Assert.Equal(fpr, curve.Select(p => p.FalsePositiveRate));
        Assert.Equal(tpr, curve.Select(p => p.TruePositiveRate));
        Assert.Equal(thresholds, curve.Select(p => p.Threshold));
    }

    [Fact]
    public void Auc_equals_brute_force_pairwise_count_on_random_data()
    {
        // Scores drawn from few levels, so ties within and across classes are common.
        var gen = Gen.Select(Gen.Int[0, 1], Gen.Int[0, 6]).Array[1, 60];

        gen.Sample(samples =>
        {
            var labels = samples.Select(s => s.Item1).ToArray();
            var scores = samples.Select(s => s.Item2 / 2.0).ToArray();

            var auc = BinaryMetrics.RocAuc(labels, scores);

            var expected = BruteForceAuc(labels, scores);
            if (double.IsNaN(expected))
            {
                Assert.True(double.IsNaN(auc));
            }
            else
            {
                Assert.Equal(expected, auc, 12);
            }
        }, iter: 2000);
    }

    [Fact]
    public void Trapezoidal_area_under_roc_curve_equals_auc()
    {
        var gen = Gen.Select(Gen.Int[0, 1], Gen.Double[-3, 3]).Array[2, 80];

        gen.Sample(samples =>
        {
            var labels = samples.Select(s => s.Item1).ToArray();
            // Round half the scores to create ties.
            var scores = samples.Select((s, i) => i % 2 == 0 ? Math.Round(s.Item2) : s.Item2).ToArray();

            var curve = BinaryMetrics.RocCurve(labels, scores);
            var auc = BinaryMetrics.RocAuc(labels, scores);

            if (curve.Count == 0)
            {
                Assert.True(double.IsNaN(auc));
                return;
            }

            var area = 0.0;
            for (var k = 1; k < curve.Count; k++)
            {
                area += (curve[k].FalsePositiveRate - curve[k - 1].FalsePositiveRate)
                    * (curve[k].TruePositiveRate + curve[k - 1].TruePositiveRate) / 2;
            }

            Assert.Equal(auc, area, 12);
            Assert.Equal((1.0, 1.0), (curve[^1].FalsePositiveRate, curve[^1].TruePositiveRate));
        }, iter: 1000);
    }

    [Fact]
    public void Label_other_than_zero_or_one_is_rejected_with_its_index()
    {
        var ex = Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute([0, 2], [0.1, 0.2]));

        Assert.Equal("yTrue", ex.ParamName);
        Assert.Contains("yTrue[1] is 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nan_score_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => BinaryMetrics.RocAuc([0, 1], [0.1, double.NaN]));

        Assert.Equal("scores", ex.ParamName);
        Assert.Contains("scores[1] is NaN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Length_mismatch_and_empty_input_are_rejected()
    {
        var mismatch = Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute([0, 1], [0.1]));
        var empty = Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute([], []));

        Assert.Contains("yTrue has 2 values but scores has 1", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("no samples", empty.Message, StringComparison.Ordinal);
    }

    private static double BruteForceAuc(int[] labels, double[] scores)
    {
        double pairs = 0, wins = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            for (var j = 0; j < labels.Length; j++)
            {
                if (labels[i] == 1 && labels[j] == 0)
                {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
                }
            }
        }

        return pairs == 0 ? double.NaN : wins / pairs;
    }
}
