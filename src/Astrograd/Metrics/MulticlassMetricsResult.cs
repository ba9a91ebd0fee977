namespace Astrograd.Metrics;

/// <summary>
/// Metrics of a multiclass classifier on one set of samples; produced by <see cref="MulticlassMetrics.Compute"/>.
/// </summary>
/// <param name="Count">Number of samples.</param>
/// <param name="Accuracy">Fraction of samples with predicted class = true class (the trace of
/// <paramref name="Confusion"/> over <paramref name="Count"/>).</param>
/// <param name="MacroPrecision">Mean of <see cref="ClassMetrics.Precision"/> over the classes that occur.</param>
/// <param name="MacroRecall">Mean of <see cref="ClassMetrics.Recall"/> over the classes that occur.</param>
/// <param name="MacroF1">Mean of <see cref="ClassMetrics.F1"/> over the classes that occur.</param>
/// <param name="PerClass">One entry per class 0 … k − 1, including classes that never occur.</param>
/// <param name="Confusion">Rows = true class, columns = predicted class.</param>
/// <remarks>
/// "The classes that occur" are those present in the true or the predicted labels (scikit-learn's default label
/// set): a class absent from both has no defined metric and would otherwise pull the macro averages toward 0.
/// </remarks>
public sealed record MulticlassMetricsResult(
    int Count,
    double Accuracy,
    double MacroPrecision,
    double MacroRecall,
    double MacroF1,
    IReadOnlyList<ClassMetrics> PerClass,
    ConfusionMatrix Confusion) : IMetricSet
{
    /// <summary>Number of classes k.</summary>
    public int ClassCount => Confusion.ClassCount;

    /// <summary>
    /// <c>accuracy</c>, <c>macro_precision</c>, <c>macro_recall</c>, <c>macro_f1</c>, <c>count</c>, in that order.
    /// </summary>
    public IReadOnlyDictionary<string, double> ToNamedValues() => NamedValues.Of(
        (MetricNames.Accuracy, Accuracy),
        (MetricNames.MacroPrecision, MacroPrecision),
        (MetricNames.MacroRecall, MacroRecall),
        (MetricNames.MacroF1, MacroF1),
        (MetricNames.Count, Count));
}
