using System.Collections.ObjectModel;

namespace Astrograd.Metrics;

/// <summary>Builds the ordered, read-only maps returned by <see cref="IMetricSet.ToNamedValues"/>.</summary>
internal static class NamedValues
{
    public static IReadOnlyDictionary<string, double> Of(params ReadOnlySpan<(string Name, double Value)> entries)
    {
        // OrderedDictionary keeps insertion order, so JSON output has a stable field order.
        var map = new OrderedDictionary<string, double>(entries.Length, StringComparer.Ordinal);
        foreach (var (name, value) in entries)
        {
            map.Add(name, value);
        }

        return new ReadOnlyDictionary<string, double>(map);
    }
}
