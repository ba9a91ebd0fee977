using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Astrograd.Runs;

/// <summary>
/// Finds a required field that a JSON document leaves out. System.Text.Json refuses such a document with a
/// JsonException whose position is the end of the enclosing object, which names neither the field nor its place;
/// the field's path is what a user can act on.
/// </summary>
internal static class RequiredFields
{
    /// <summary>
    /// The dotted path of the first required field of <paramref name="type"/> (or of an object nested in it) that
    /// <paramref name="json"/> lacks, such as <c>architecture.hidden</c>; null when none is missing or the text is
    /// not a JSON object.
    /// </summary>
    public static string? FirstMissing(string json, JsonTypeInfo type)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return FirstMissing(document.RootElement, type, prefix: string.Empty);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? FirstMissing(JsonElement element, JsonTypeInfo type, string prefix)
    {
        if (element.ValueKind != JsonValueKind.Object || type.Kind != JsonTypeInfoKind.Object)
        {
            return null;
        }

        foreach (var property in type.Properties)
        {
            if (!element.TryGetProperty(property.Name, out var value))
            {
                if (property.IsRequired)
                {
                    return prefix + property.Name;
                }

                continue;
            }

            // A nested card (architecture, standardization, ...) has required fields of its own.
            var nested = FirstMissing(value, type.Options.GetTypeInfo(property.PropertyType),
                prefix + property.Name + ".");
            if (nested is not null)
            {
                return nested;
            }
        }

        return null;
    }
}
