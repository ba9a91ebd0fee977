using Astrograd.Losses;
using Astrograd.Runs;
using Astrograd.Training;
using Onnx;

namespace Astrograd.Onnx;

/// <summary>
/// The output side of an exported model: from the last layer's raw outputs to what predict prints. A classifier
/// gets its probabilities and class index; a regression model its values in the targets' own units (the target
/// standardisation of several targets undone) and, for a loss that predicts a variance, the network's σ.
/// </summary>
internal static class OnnxOutputs
{
    // The symbolic batch dimension.
    private const string Batch = "N";

    /// <summary>Appends the outputs of <paramref name="model"/> computed from its raw outputs
    /// <paramref name="raw"/> [N, outputs].</summary>
    public static void Add(OnnxGraph g, TrainedModel model, string raw)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(model);
        if (model.Task == TaskKind.Regression)
        {
            Regression(g, model.Card, raw);
        }
        else
        {
            Classifier(g, raw, model.Card.Architecture.Outputs);
        }
    }

    // prediction [N, k] = μ · std + mean per target; with a variance head also sigma [N, k] = √(exp(clamp(s)) + ε)
    // · std, as RegressionOutputs.Decode computes them.
    private static void Regression(OnnxGraph g, ModelCard card, string raw)
    {
        var k = card.TargetNames().Count;
        var variance = PredictsVariance(card);
        var heads = variance ? g.Nodes("Split", "head", [raw], 2, OnnxGraph.Int("axis", 1)) : [raw];
        var scaling = card.TargetStandardization;
        var mean = heads[0];
        if (scaling is not null)
        {
            var scaled = g.Node("Mul", "target_scaled", [mean, g.Floats("target_std", [k], Floats(scaling.Std))]);
            mean = g.Node("Add", "target_units", [scaled, g.Floats("target_mean", [k], Floats(scaling.Mean))]);
        }

        g.Named("Identity", OnnxExporter.PredictionName, [mean]);
        g.Proto.Output.Add(OnnxGraph.Batched(OnnxExporter.PredictionName, TensorProto.Types.DataType.Float, Batch, k));
        if (!variance)
        {
            return;
        }

        var limit = (float)MeanVarianceLoss.LogVarianceLimit;
        var clamped = g.Node("Clip", "log_variance", [heads[1], g.Scalar("low", -limit), g.Scalar("high", limit)]);
        var v = g.Node("Add", "variance", [g.Node("Exp", "exp", [clamped]),
            g.Scalar("floor", (float)MeanVarianceLoss.VarianceFloor)]);
        var sigma = g.Node("Sqrt", "sigma_scaled", [v]);
        if (scaling is not null)
        {
            sigma = g.Node("Mul", "sigma_units", [sigma, g.Floats("sigma_std", [k], Floats(scaling.Std))]);
        }

        g.Named("Identity", OnnxExporter.SigmaName, [sigma]);
        g.Proto.Output.Add(OnnxGraph.Batched(OnnxExporter.SigmaName, TensorProto.Types.DataType.Float, Batch, k));
    }

    private static void Classifier(OnnxGraph g, string logits, long width)
    {
        if (width == 1)
        {
            // One logit: p(classes[1]) = σ(logit); predict prints [1 − p, p] and picks class 1 when logit ≥ 0.
            var p = g.Node("Sigmoid", "p", [logits]);
            var q = g.Node("Sub", "q", [g.Scalar("one", 1f), p]);
            g.Named("Concat", OnnxExporter.ProbabilitiesName, [q, p], OnnxGraph.Int("axis", 1));
            // Class 1 exactly when logit ≥ −logit, i.e. logit ≥ 0: the last index wins the tie at 0.
            var pair = g.Node("Concat", "pair", [g.Node("Neg", "negated", [logits]), logits], OnnxGraph.Int("axis", 1));
            g.Named("ArgMax", OnnxExporter.ClassIndexName, [pair], OnnxGraph.Int("axis", 1),
                OnnxGraph.Int("keepdims", 0), OnnxGraph.Int("select_last_index", 1));
        }
        else
        {
            g.Named("Softmax", OnnxExporter.ProbabilitiesName, [logits], OnnxGraph.Int("axis", 1));
            g.Named("ArgMax", OnnxExporter.ClassIndexName, [logits], OnnxGraph.Int("axis", 1),
                OnnxGraph.Int("keepdims", 0));
        }

        var classes = width == 1 ? 2 : width;
        g.Proto.Output.Add(OnnxGraph.Batched(OnnxExporter.ProbabilitiesName, TensorProto.Types.DataType.Float, Batch,
            classes));
        g.Proto.Output.Add(OnnxGraph.Batched(OnnxExporter.ClassIndexName, TensorProto.Types.DataType.Int64, Batch,
            null));
    }

    // gaussian-nll and student-t: outputs [μ₁ … μₖ, s₁ … sₖ] (the card check holds them to 2k).
    private static bool PredictsVariance(ModelCard card) =>
        LossNames.TryParse(card.Loss, out var loss) && loss.PredictsVariance();

    private static float[] Floats(IReadOnlyList<double> values) => [.. values.Select(v => (float)v)];
}
