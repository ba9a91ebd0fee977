namespace Astrograd.Metrics;

/// <summary>Order statistics used by the metrics.</summary>
internal static class Statistics
{
    /// <summary>
    /// The median of <paramref name="values"/>, which it sorts in place: the middle value, or the mean of the two
    /// middle values for an even count; NaN for an empty span.
    /// </summary>
    public static double MedianInPlace(Span<double> values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        values.Sort();
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
    }
}
