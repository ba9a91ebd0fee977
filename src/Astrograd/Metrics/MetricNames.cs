namespace Astrograd.Metrics;

/// <summary>The short names under which <see cref="IMetricSet.ToNamedValues"/> lists each metric.</summary>
public static class MetricNames
{
    /// <summary>Fraction of samples whose predicted class equals the true class.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Binary precision, TP / (TP + FP).</summary>
    public const string Precision = "precision";

    /// <summary>Binary recall (true-positive rate), TP / (TP + FN).</summary>
    public const string Recall = "recall";

    /// <summary>Binary F1 score, 2·TP / (2·TP + FP + FN).</summary>
    public const string F1 = "f1";

    /// <summary>Area under the ROC curve.</summary>
    public const string RocAuc = "roc_auc";

    /// <summary>Unweighted mean of the per-class precisions.</summary>
    public const string MacroPrecision = "macro_precision";

    /// <summary>Unweighted mean of the per-class recalls.</summary>
    public const string MacroRecall = "macro_recall";

    /// <summary>Unweighted mean of the per-class F1 scores.</summary>
    public const string MacroF1 = "macro_f1";

    /// <summary>Root mean squared error.</summary>
    public const string Rmse = "rmse";

    /// <summary>Mean absolute error.</summary>
    public const string Mae = "mae";

    /// <summary>Coefficient of determination, 1 − SS_res / SS_tot.</summary>
    public const string R2 = "r2";

    /// <summary>Mean normalised redshift residual.</summary>
    public const string Bias = "bias";

    /// <summary>Median normalised redshift residual.</summary>
    public const string MedianBias = "bias_median";

    /// <summary>Normalised median absolute deviation of the redshift residuals.</summary>
    public const string SigmaNmad = "sigma_nmad";

    /// <summary>Fraction of redshift outliers.</summary>
    public const string OutlierFraction = "outlier_fraction";

    /// <summary>Number of samples the metrics were computed on.</summary>
    public const string Count = "count";
}
