namespace Astrograd.Metrics;

/// <summary>
/// A result whose headline numbers can be listed by their usual short names (<c>accuracy</c>, <c>rmse</c>,
/// <c>sigma_nmad</c>, …; see <see cref="MetricNames"/>) for JSON output and tables.
/// </summary>
public interface IMetricSet
{
    /// <summary>
    /// The headline numbers as an ordered, read-only name → value map, in a fixed order per result type.
    /// </summary>
    /// <remarks>
    /// Undefined values are <see cref="double.NaN"/> (each result type says when). A JSON writer must be told
    /// how to write NaN (System.Text.Json rejects it unless <c>AllowNamedFloatingPointLiterals</c> is set).
    /// </remarks>
    IReadOnlyDictionary<string, double> ToNamedValues();
}
