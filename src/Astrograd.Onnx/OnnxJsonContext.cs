using System.Text.Json.Serialization;

namespace Astrograd.Onnx;

/// <summary>Source-generated JSON for the name lists stored as ONNX metadata.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class OnnxJsonContext : JsonSerializerContext;
