using Astrograd.Metrics;

namespace Astrograd.Tests.Metrics;

public class MulticlassMetricsTests
{
    // Expected values checked against scikit-learn 1.2.1 (zero_division=0).
    private static readonly int[] _handTrue = [0, 1, 2, 2, 1, 0, 2, 1];
    private static readonly int[] _handPred = [0, 2, 2, 2, 1, 0, 1, 0];

    [Fact]
    public void Compute_on_hand_case_gives_confusion_per_class_and_macro_values()
    {
        var result = MulticlassMetrics.Compute(_handTrue, _handPred, classCount: 3);

        Assert.Equal([[2, 0, 0], [1, 1, 1], [0, 1, 2]], result.Confusion.ToArray());
        Assert.Equal(0.625, result.Accuracy, 15);
        Assert.Equal([2, 3, 3], result.PerClass.Select(c => c.Support));
        AssertClose([2.0 / 3, 0.5, 2.0 / 3], result.PerClass.Select(c => c.Precision));
        AssertClose([1.0, 1.0 / 3, 2.0 / 3], result.PerClass.Select(c => c.Recall));
        AssertClose([0.8, 0.4, 2.0 / 3], result.PerClass.Select(c => c.F1));
        Assert.Equal(0.6222222222222222, result.MacroF1, 14);
        Assert.Equal(0.611111111111111, result.MacroPrecision, 14);
        Assert.Equal(0.6666666666666666, result.MacroRecall, 14);
        Assert.Equal(3, result.ClassCount);
    }

    [Fact]
    public void Class_absent_from_true_and_predicted_labels_is_left_out_of_macro_averages()
    {
        var withSpare = MulticlassMetrics.Compute(_handTrue, _handPred, classCount: 4);

        Assert.Equal(0.6222222222222222, withSpare.MacroF1, 14);
        Assert.Equal(new ClassMetrics(3, 0, 0, 0, 0), withSpare.PerClass[3]);
        Assert.Equal(0, withSpare.Confusion.TrueTotal(3));
    }

    [Fact]
    public void Class_predicted_but_never_true_scores_zero_and_counts_in_macro()
    {
        var result = MulticlassMetrics.Compute([0, 0, 1], [0, 2, 1], classCount: 3);

        Assert.Equal(new ClassMetrics(2, 0, 0, 0, 0), result.PerClass[2]);
        Assert.Equal(0.5555555555555555, result.MacroF1, 14);
    }

    [Fact]
    public void Confusion_matrix_reads_rows_as_true_and_columns_as_predicted()
    {
        var confusion = MulticlassMetrics.Compute([0, 0, 0], [1, 1, 2], classCount: 3).Confusion;

        Assert.Equal(2, confusion[0, 1]);
        Assert.Equal(1, confusion[0, 2]);
        Assert.Equal(0, confusion[1, 0]);
        Assert.Equal(3, confusion.TrueTotal(0));
        Assert.Equal(2, confusion.PredictedTotal(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => confusion[3, 0]);
    }

    [Fact]
    public void Confusion_array_is_a_copy()
    {
        var confusion = MulticlassMetrics.Compute([0, 1], [0, 1], classCount: 2).Confusion;

        confusion.ToArray()[0][0] = 99;

        Assert.Equal(1, confusion[0, 0]);
    }

    [Fact]
    public void Named_values_use_the_short_names()
    {
        var named = MulticlassMetrics.Compute(_handTrue, _handPred, 3).ToNamedValues();

        Assert.Equal(["accuracy", "macro_precision", "macro_recall", "macro_f1", "count"], named.Keys);
    }

    [Fact]
    public void Label_outside_class_range_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => MulticlassMetrics.Compute([0, 1], [0, 3], classCount: 3));

        Assert.Equal("yPred", ex.ParamName);
        Assert.Contains("yPred[1] is 3; labels must lie in [0, 2]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_classes_and_empty_input_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MulticlassMetrics.Compute([0], [0], classCount: 0));
        Assert.Throws<ArgumentException>(() => MulticlassMetrics.Compute([], [], classCount: 2));
    }

    private static void AssertClose(double[] expected, IEnumerable<double> actual)
    {
        var values = actual.ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], values[i], 12);
        }
    }
}
