namespace Astrograd.Metrics;

/// <summary>One class's one-vs-rest metrics in a multiclass evaluation.</summary>
/// <param name="Class">The class index.</param>
/// <param name="Precision">TP / (TP + FP) for this class; 0 when the class is never predicted.</param>
/// <param name="Recall">TP / (TP + FN) for this class; 0 when the class has no samples.</param>
/// <param name="F1">2·TP / (2·TP + FP + FN); 0 when TP = 0.</param>
/// <param name="Support">Number of samples whose true class is this one.</param>
public sealed record ClassMetrics(int Class, double Precision, double Recall, double F1, int Support);
