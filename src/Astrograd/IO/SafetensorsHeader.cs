using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Astrograd.IO;

/// <summary>One tensor's header entry, its fields checked for type and range (not yet against the others).</summary>
internal sealed record SafetensorsHeaderEntry(
    string Name, SafetensorsDType DType, int[] Shape, long ElementCount, long Begin, long End);

/// <summary>
/// Parses the JSON header of a safetensors file with <see cref="Utf8JsonReader"/>, so that duplicate keys, which
/// a DOM or serializer would silently merge, are seen and rejected.
/// </summary>
internal static class SafetensorsHeader
{
    public static (List<SafetensorsHeaderEntry> Entries, Dictionary<string, string> Metadata) Parse(
        ReadOnlySpan<byte> header, string file)
    {
        if (!Utf8.IsValid(header))
        {
            throw new SafetensorsException(file, null, "the header is not valid UTF-8.");
        }

        if (header.Length == 0 || header[0] != (byte)'{')
        {
            throw new SafetensorsException(file, null, "the header does not begin with '{'; it must be a JSON object.");
        }

        try
        {
            return ParseObject(header, file);
        }
        catch (JsonException ex)
        {
            throw new SafetensorsException(file, null, $"the header is not valid JSON: {ex.Message}", ex);
        }
    }

    private static (List<SafetensorsHeaderEntry>, Dictionary<string, string>) ParseObject(
        ReadOnlySpan<byte> header, string file)
    {
        var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow };
        var reader = new Utf8JsonReader(header, options);
        var entries = new List<SafetensorsHeaderEntry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = ReadString(ref reader, file, null, "a tensor name");
            if (!seen.Add(key))
            {
                throw new SafetensorsException(file, key == SafetensorsTensor.MetadataKey ? null : key,
                    key == SafetensorsTensor.MetadataKey
                        ? "'__metadata__' appears twice in the header."
                        : "the name appears twice in the header; tensor names must be unique.");
            }

            reader.Read();
            if (key == SafetensorsTensor.MetadataKey)
            {
                ParseMetadata(ref reader, file, metadata);
            }
            else
            {
                entries.Add(ParseTensor(ref reader, file, key));
            }
        }

        // Only whitespace (the writers' padding) may follow: the reader throws on anything else.
        if (reader.Read())
        {
            throw new SafetensorsException(file, null, "the header holds more than one JSON value.");
        }

        return (entries, metadata);
    }

    private static void ParseMetadata(ref Utf8JsonReader reader, string file, Dictionary<string, string> metadata)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new SafetensorsException(file, null,
                $"'__metadata__' is {Describe(reader.TokenType)}; it must be an object of string values.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = ReadString(ref reader, file, null, "a metadata key");
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new SafetensorsException(file, null,
                    $"'__metadata__' key {SafetensorsText.Quote(key)} holds {Describe(reader.TokenType)}; metadata " +
                    "values must be strings (write \"100\", not 100).");
            }

            var value = ReadString(ref reader, file, null, "a metadata value");
            if (!metadata.TryAdd(key, value))
            {
                throw new SafetensorsException(file, null,
                    $"'__metadata__' key {SafetensorsText.Quote(key)} appears twice.");
            }
        }
    }

    private static SafetensorsHeaderEntry ParseTensor(ref Utf8JsonReader reader, string file, string name)
    {
        if (name.Length == 0)
        {
            throw new SafetensorsException(file, name, "a tensor has an empty name.");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new SafetensorsException(file, name,
                $"the entry is {Describe(reader.TokenType)}; expected an object with dtype, shape and data_offsets.");
        }

        string? dtypeName = null;
        List<long>? shape = null, offsets = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = ReadString(ref reader, file, name, "a field name");
            reader.Read();
            switch (field)
            {
                case "dtype" when dtypeName is null:
                    dtypeName = reader.TokenType == JsonTokenType.String
                        ? ReadString(ref reader, file, name, "dtype")
                        : throw new SafetensorsException(file, name,
                            $"dtype is {Describe(reader.TokenType)}; expected a string such as \"F32\".");
                    break;
                case "shape" when shape is null:
                    shape = ReadIntegers(ref reader, file, name, "shape", int.MaxValue);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(ref reader, file, name, "data_offsets", long.MaxValue);
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw new SafetensorsException(file, name, $"the field '{field}' appears twice.");
                default:
                    // Unknown fields are skipped, as other readers do, so newer writers stay readable.
                    reader.Skip();
                    break;
            }
        }

        return Build(file, name, dtypeName, shape, offsets);
    }

    private static SafetensorsHeaderEntry Build(string file, string name, string? dtypeName, List<long>? shape,
        List<long>? offsets)
    {
        if (dtypeName is null || shape is null || offsets is null)
        {
            var missing = dtypeName is null ? "dtype" : shape is null ? "shape" : "data_offsets";
            throw new SafetensorsException(file, name, $"the field '{missing}' is missing.");
        }

        if (!SafetensorsDTypes.TryParse(dtypeName, out var dtype))
        {
            throw new SafetensorsException(file, name,
                $"unknown dtype {SafetensorsText.Quote(dtypeName)}; supported: {SafetensorsDTypes.SupportedNames}.");
        }

        if (offsets.Count != 2)
        {
            throw new SafetensorsException(file, name, string.Create(CultureInfo.InvariantCulture,
                $"data_offsets has {offsets.Count} values; expected two, [begin, end]."));
        }

        var (begin, end) = (offsets[0], offsets[1]);
        if (end < begin)
        {
            throw new SafetensorsException(file, name, string.Create(CultureInfo.InvariantCulture,
                $"data_offsets [{begin}, {end}] end before they begin."));
        }

        var dims = shape.Select(d => (int)d).ToArray();
        var size = SafetensorsDTypes.Size(dtype);
        var (count, bytes) = ElementsAndBytes(dims, size);
        if (bytes is null || bytes != end - begin)
        {
            var needs = bytes is null ? "more bytes than a file can hold" : $"{bytes} bytes";
            throw new SafetensorsException(file, name, string.Create(CultureInfo.InvariantCulture,
                $"data_offsets [{begin}, {end}] hold {end - begin} bytes, but {dtypeName} shape " +
                $"{SafetensorsText.Shape(dims)} needs {needs} ({size} per element)."));
        }

        return new SafetensorsHeaderEntry(name, dtype, dims, count, begin, end);
    }

    /// <summary>Element count and byte size of a shape; null bytes when the size exceeds long.</summary>
    private static (long Count, long? Bytes) ElementsAndBytes(int[] dims, int size)
    {
        if (dims.Contains(0))
        {
            return (0, 0);
        }

        long count = 1;
        foreach (var dim in dims)
        {
            if (count > long.MaxValue / dim)
            {
                return (-1, null);
            }

            count *= dim;
        }

        return count > long.MaxValue / size ? (-1, null) : (count, count * size);
    }

    private static List<long> ReadIntegers(ref Utf8JsonReader reader, string file, string name, string field,
        long max)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new SafetensorsException(file, name,
                $"{field} is {Describe(reader.TokenType)}; expected an array of non-negative integers.");
        }

        var values = new List<long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value) || value < 0 ||
                value > max)
            {
                var text = reader.TokenType == JsonTokenType.Number
                    ? Encoding.UTF8.GetString(reader.ValueSpan[..Math.Min(reader.ValueSpan.Length, 40)])
                    : Describe(reader.TokenType);
                throw new SafetensorsException(file, name, string.Create(CultureInfo.InvariantCulture,
                    $"{field}[{values.Count}] is {text}; expected an integer in [0, {max}]."));
            }

            values.Add(value);
        }

        return values;
    }

    private static string ReadString(ref Utf8JsonReader reader, string file, string? tensor, string what)
    {
        try
        {
            return reader.GetString() ?? "";
        }
        catch (InvalidOperationException ex)
        {
            // Escapes such as a lone \ud800 decode to no valid string.
            throw new SafetensorsException(file, tensor, $"{what} is not a valid JSON string: {ex.Message}", ex);
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
