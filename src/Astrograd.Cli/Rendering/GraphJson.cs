using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Astrograd.Expressions;

namespace Astrograd.Cli.Rendering;

/// <summary>
/// The graph as one JSON object: <c>{"value": f, "gradients": {"x": ∂f/∂x, ...}, "nodes": [{"id", "op",
/// "inputs", "value", "grad", "label"}, ...]}</c>. Finite numbers are JSON numbers; NaN and ±∞ are the strings
/// "NaN", "Infinity" and "-Infinity"; a node without a gradient has <c>"grad": null</c>.
/// </summary>
internal static class GraphJson
{
    public static string Write(ExpressionGraph graph)
    {
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions
        {
            Indented = true,

            // Output for files and pipes, not HTML: keep "x + y" readable instead of "x \u002B y".
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var json = new Utf8JsonWriter(stream, options))
        {
            json.WriteStartObject();
            json.WritePropertyName("value");
            WriteNumber(json, graph.Value);
            json.WriteStartObject("gradients");
            foreach (var (name, grad) in graph.Gradients)
            {
                json.WritePropertyName(name);
                WriteNumber(json, grad);
            }

            json.WriteEndObject();
            json.WriteStartArray("nodes");
            foreach (var node in graph.Nodes)
            {
                WriteNode(json, node);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNode(Utf8JsonWriter json, GraphNode node)
    {
        json.WriteStartObject();
        json.WriteNumber("id", node.Id);
        json.WriteString("op", node.Op);
        json.WriteStartArray("inputs");
        foreach (var input in node.Inputs)
        {
            json.WriteNumberValue(input);
        }

        json.WriteEndArray();
        json.WritePropertyName("value");
        WriteNumber(json, node.Value);
        json.WritePropertyName("grad");
        if (node.Grad is { } grad)
        {
            WriteNumber(json, grad);
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteString("label", node.Label);
        json.WriteEndObject();
    }

    // JSON has no NaN or infinity; spell them as strings that parsers such as numpy accept.
    private static void WriteNumber(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
