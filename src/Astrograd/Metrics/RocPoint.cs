namespace Astrograd.Metrics;

/// <summary>
/// One point of a ROC curve: the rates obtained when every sample with score ≥ <paramref name="Threshold"/> is
/// predicted positive.
/// </summary>
/// <param name="FalsePositiveRate">FP / negatives, on [0, 1].</param>
/// <param name="TruePositiveRate">TP / positives, on [0, 1].</param>
/// <param name="Threshold">The score cut; +∞ for the first point (nothing predicted positive).</param>
public readonly record struct RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);
