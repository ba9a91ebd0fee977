using System.Text.Json;
using Astrograd.IO;
using Astrograd.Runs;
using Astrograd.Training;
using Google.Protobuf;
using Onnx;

namespace Astrograd.Onnx;

/// <summary>
/// Turns a <see cref="TrainedModel"/> into one self-contained ONNX model that takes the raw feature columns and
/// returns what <c>astrograd predict</c> prints: the standardisation z = (x − mean) / scale comes first, each
/// Linear layer is a Gemm with its weight kept [out, in] (transB = 1), and classifiers end in a sigmoid or a
/// softmax over axis 1.
/// </summary>
/// <remarks>
/// Input <c>features</c>: float32 [N, features], N symbolic, columns in the order of <c>model.json</c>'s
/// features. Outputs: for a classifier <c>probabilities</c> float32 [N, classes] (binary: [1 − p, p]) and
/// <c>class_index</c> int64 [N] (the index into the card's classes, ties to the lower index as in predict); for
/// regression <c>prediction</c> float32 [N, outputs]. Feature, class and target names travel as metadata.
/// Dropout is left out: predict runs the network in evaluation mode.
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

    /// <summary>A regression model's output.</summary>
    public const string PredictionName = "prediction";

    // The symbolic batch dimension.
    private const string Batch = "N";

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

        var x = Standardize(g, model);
        var width = spec.Inputs;
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

            width = layer.OutFeatures;
        }

        g.Proto.Input.Add(OnnxGraph.Batched(InputName, TensorProto.Types.DataType.Float, Batch, spec.Inputs));
        AddOutputs(g, model.Task, x, width);

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "astrograd",
            ProducerVersion = AstrogradInfo.Version,
            DocString = $"Astrograd MLP ({card.Task}) on raw features {string.Join(", ", card.Features)}.",
            Graph = g.Proto,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        Metadata(proto, "task", card.Task);
        Metadata(proto, "target", card.Target);
        var names = OnnxJsonContext.Default.IReadOnlyListString;
        Metadata(proto, "features", JsonSerializer.Serialize(card.Features, names));
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

    // z = (x − mean) / scale in float32; a constant feature has scale 1, as in the Standardizer.
    private static string Standardize(OnnxGraph g, TrainedModel model)
    {
        var k = model.Card.Features.Count;
        float[] means = [.. model.Scaler.Means.Select(m => (float)m)];
        float[] scales = [.. model.Scaler.Scales.Select(s => (float)s)];
        var centred = g.Node("Sub", "centred", [InputName, g.Floats("mean", [k], means)]);
        return g.Node("Div", "standardized", [centred, g.Floats("scale", [k], scales)]);
    }

    private static void AddOutputs(OnnxGraph g, TaskKind task, string logits, long width)
    {
        if (task == TaskKind.Regression)
        {
            g.Named("Identity", PredictionName, [logits]);
            g.Proto.Output.Add(OnnxGraph.Batched(PredictionName, TensorProto.Types.DataType.Float, Batch, width));
            return;
        }

        if (width == 1)
        {
            // One logit: p(classes[1]) = σ(logit); predict prints [1 − p, p] and picks class 1 when logit ≥ 0.
            var p = g.Node("Sigmoid", "p", [logits]);
            var q = g.Node("Sub", "q", [g.Scalar("one", 1f), p]);
            g.Named("Concat", ProbabilitiesName, [q, p], OnnxGraph.Int("axis", 1));
            // Class 1 exactly when logit ≥ −logit, i.e. logit ≥ 0: the last index wins the tie at 0.
            var pair = g.Node("Concat", "pair", [g.Node("Neg", "negated", [logits]), logits], OnnxGraph.Int("axis", 1));
            g.Named("ArgMax", ClassIndexName, [pair], OnnxGraph.Int("axis", 1), OnnxGraph.Int("keepdims", 0),
                OnnxGraph.Int("select_last_index", 1));
        }
        else
        {
            g.Named("Softmax", ProbabilitiesName, [logits], OnnxGraph.Int("axis", 1));
            g.Named("ArgMax", ClassIndexName, [logits], OnnxGraph.Int("axis", 1), OnnxGraph.Int("keepdims", 0));
        }

        var classes = width == 1 ? 2 : width;
        g.Proto.Output.Add(OnnxGraph.Batched(ProbabilitiesName, TensorProto.Types.DataType.Float, Batch, classes));
        g.Proto.Output.Add(OnnxGraph.Batched(ClassIndexName, TensorProto.Types.DataType.Int64, Batch, null));
    }

    private static void Metadata(ModelProto proto, string key, string value) =>
        proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
}
