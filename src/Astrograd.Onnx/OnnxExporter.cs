using System.Text.Json;
using Astrograd.IO;
using Astrograd.Runs;
using Google.Protobuf;
using Onnx;

namespace Astrograd.Onnx;

/// <summary>
/// Turns a <see cref="TrainedModel"/> into one self-contained ONNX model that takes the raw table columns and
/// returns what <c>astrograd predict</c> prints: the model's preprocessing (sentinels, colours, imputation; see
/// <see cref="OnnxFeatures"/>) and the standardisation z = (x − mean) / scale come first, each Linear layer is a
/// Gemm with its weight kept [out, in] (transB = 1), and classifiers end in a sigmoid or a softmax over axis 1.
/// </summary>
/// <remarks>
/// Input <c>features</c>: float32 [N, columns], N symbolic, columns in the order of the <c>features</c> metadata
/// (<c>model.json</c>'s features for a model without preprocessing). Outputs: for a classifier
/// <c>probabilities</c> float32 [N, classes] (binary: [1 − p, p]) and <c>class_index</c> int64 [N] (the index into
/// the card's classes, ties to the lower index as in predict); for regression <c>prediction</c> float32 [N, k], one
/// column per target in its own units, and, for gaussian-nll and student-t, <c>sigma</c> float32 [N, k]. Column,
/// class and target names travel as metadata. Dropout is left out: predict runs the network in evaluation mode.
/// </remarks>
public static class OnnxExporter
{
    /// <summary>The one default-domain opset every exported model imports (ONNX Runtime has run it since
    /// 1.13).</summary>
    public const long Opset = 17;

    /// <summary>The IR version that goes with <see cref="Opset"/>.</summary>
    public const long IrVersion = 8;

    /// <summary>The input's name.</summary>
    public const string InputName = "features";

    /// <summary>A classifier's probabilities output.</summary>
    public const string ProbabilitiesName = "probabilities";

    /// <summary>A classifier's predicted class index output.</summary>
    public const string ClassIndexName = "class_index";

    /// <summary>A regression model's values, [N, targets].</summary>
    public const string PredictionName = "prediction";

    /// <summary>The network's σ per target of a gaussian-nll or student-t model (the scale for student-t), [N,
    /// targets].</summary>
    public const string SigmaName = "sigma";

    // The symbolic batch dimension.
    private const string Batch = "N";

    /// <summary>The raw table columns the exported model of <paramref name="model"/> takes, in the order of its
    /// input's second dimension (also its <c>features</c> metadata).</summary>
    public static IReadOnlyList<string> InputColumns(TrainedModel model) => OnnxFeatures.InputColumns(model);

    /// <summary>The ONNX model of <paramref name="model"/>.</summary>
    /// <exception cref="NotSupportedException">The network uses an activation the exporter has no rule for.
    /// </exception>
    public static ModelProto Build(TrainedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var card = model.Card;
        var spec = model.Network.Spec;
        var g = new OnnxGraph();
        g.Proto.Name = "astrograd_mlp";

        var columns = OnnxFeatures.InputColumns(model);
        var x = OnnxFeatures.Standardized(g, model, InputName);
        var layers = model.Network.LinearLayers;
        for (var l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            var weight = g.Floats($"layers_{l}_weight", [layer.OutFeatures, layer.InFeatures], layer.Weight.Span);
            string[] inputs = layer.Bias is null
                ? [x, weight]
                : [x, weight, g.Floats($"layers_{l}_bias", [layer.OutFeatures], layer.Bias.Span)];
            x = g.Node("Gemm", $"linear_{l}", inputs, OnnxGraph.Int("transB", 1));
            if (l < layers.Count - 1)
            {
                x = OnnxActivations.Apply(g, spec.Activation, x);
            }
        }

        g.Proto.Input.Add(OnnxGraph.Batched(InputName, TensorProto.Types.DataType.Float, Batch, columns.Count));
        OnnxOutputs.Add(g, model, x);

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "astrograd",
            ProducerVersion = AstrogradInfo.Version,
            DocString = $"Astrograd MLP ({card.Task}) on the raw columns {string.Join(", ", columns)}.",
            Graph = g.Proto,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        Metadata(proto, "task", card.Task);
        Metadata(proto, "target", card.Target);
        var names = OnnxJsonContext.Default.IReadOnlyListString;
        Metadata(proto, "features", JsonSerializer.Serialize(columns, names));
        if (!columns.SequenceEqual(card.Features, StringComparer.Ordinal))
        {
            // What the network itself sees, derived from the columns above inside the graph.
            Metadata(proto, "model_features", JsonSerializer.Serialize(card.Features, names));
        }

        if (card.Targets is { } targets)
        {
            Metadata(proto, "targets", JsonSerializer.Serialize(targets, names));
        }

        if (card.Classes is { } classes)
        {
            Metadata(proto, "classes", JsonSerializer.Serialize(classes, names));
        }

        return proto;
    }

    /// <summary>Writes the ONNX model of <paramref name="model"/> to <paramref name="path"/> atomically: a reader
    /// sees the old file or the whole new one.</summary>
    /// <exception cref="IOException">The file cannot be written; the message names it.</exception>
    public static void Write(TrainedModel model, string path)
    {
        var proto = Build(model);
        AtomicFile.Write(path, stream => proto.WriteTo(stream));
    }

    private static void Metadata(ModelProto proto, string key, string value) =>
        proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
}
