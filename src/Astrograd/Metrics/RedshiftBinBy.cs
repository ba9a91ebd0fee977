namespace Astrograd.Metrics;

/// <summary>Which redshift places a sample in a bin of <see cref="RedshiftMetrics.ComputeByBin"/>.</summary>
public enum RedshiftBinBy
{
    /// <summary>Bin by the true (spectroscopic) redshift: how well each true-redshift range is recovered.</summary>
    TrueRedshift,

    /// <summary>Bin by the predicted redshift: the quality a user of a photo-z catalogue cut sees.</summary>
    PredictedRedshift,
}
