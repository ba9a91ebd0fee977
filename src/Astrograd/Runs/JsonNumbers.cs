using System.Text.Json;

namespace Astrograd.Runs;

/// <summary>Numbers in the run's JSON files: JSON has no NaN or infinity, so a value that is not finite (a diverged
/// loss, a metric of an empty bin) or absent is written as null.</summary>
internal static class JsonNumbers
{
    public static void WriteFiniteOrNull(this Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
