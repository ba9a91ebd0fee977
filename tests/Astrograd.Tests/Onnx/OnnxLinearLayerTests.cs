using System.Globalization;
using Astrograd.Data;
using Astrograd.NN;
using Astrograd.Onnx;
using Astrograd.Runs;
using Onnx;

namespace Astrograd.Tests.Onnx;

/// <summary>
/// Case F10 of the shared case list: a Linear layer exports as Gemm with its weight kept [out, in] and transB = 1, the
/// batch dimension is symbolic, one fixed default-domain opset is imported, every Softmax has an explicit axis, the
/// input is tensor(float) and every initializer is float32.
/// </summary>
public sealed class OnnxLinearLayerTests
{
    // A regression model with one Linear layer of the given weights and identity standardisation.
    private static TrainedModel Linear(float[,] weight, float[] bias, double[]? mean = null, double[]? std = null)
    {
        int outputs = weight.GetLength(0), inputs = weight.GetLength(1);
        var network = new Mlp<float>(new MlpSpec(inputs, [], outputs, Activation.Identity), new Rng(1));
        var layer = network.LinearLayers[0];
        for (var o = 0; o < outputs; o++)
        {
            for (var i = 0; i < inputs; i++)
            {
                layer.Weight.Span[(o * inputs) + i] = weight[o, i];
            }
        }

        bias.CopyTo(layer.Bias!.Span);
        network.Eval();
        var features = Enumerable.Range(0, inputs).Select(i => $"x{i}").ToList();
        var card = new ModelCard
        {
            Task = "regression",
            Target = "y",
            Features = features,
            Architecture = new ArchitectureCard
            {
                Inputs = inputs,
                Hidden = [],
                Outputs = outputs,
                Activation = "identity",
            },
            Standardization = new StandardizationCard
            {
                Mean = mean ?? new double[inputs],
                Std = std ?? [.. Enumerable.Repeat(1.0, inputs)],
            },
            Loss = "l2",
            Reduction = "mean",
        };
        return new TrainedModel(network, card);
    }

    private static float[] Run(TrainedModel model, float[] rows) =>
        OnnxRuntimeHarness.Run(OnnxExporter.Build(model), rows, model.Card.Features.Count)
            .Floats[OnnxExporter.PredictionName];

    [Fact]
    public void A_2_to_3_layer_gives_the_affine_map_of_its_out_by_in_weight()
    {
        var model = Linear(new float[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } }, [0.5f, 0, -1]);

        var y = Run(model, [1, 2]);

        Assert.Equal([1.5f, 2, 2], y);
    }

    [Fact]
    public void A_square_layer_is_not_transposed_by_mistake()
    {
        // With transB = 0 the same weights would give [4, 6] and no error.
        var model = Linear(new float[,] { { 1, 2 }, { 3, 4 } }, [0, 0]);

        var y = Run(model, [1, 1]);

        Assert.Equal([3f, 7], y);
    }

    [Fact]
    public void Every_linear_layer_is_a_gemm_with_trans_b()
    {
        var proto = OnnxExporter.Build(Linear(new float[,] { { 1, 2 }, { 3, 4 } }, [0, 0]));

        var gemm = Assert.Single(proto.Graph.Node, n => n.OpType == "Gemm");
        Assert.Contains(gemm.Attribute, a => a.Name == "transB" && a.I == 1);
        var weight = proto.Graph.Initializer.Single(t => t.Name == gemm.Input[1]);
        Assert.Equal([2L, 2], weight.Dims);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(64)]
    public void Any_batch_size_runs_and_matches_predict(int rows)
    {
        var model = Linear(new float[,] { { 1, 2, -1 }, { 3, 4, 0.5f } }, [0.25f, -2], [10, -3, 0.5], [2, 0.5, 0]);
        var rng = new Rng((ulong)rows);
        var values = Enumerable.Range(0, rows * 3).Select(_ => (float)rng.NextUniform(-20, 20)).ToArray();
        var csv = "x0,x1,x2\n" + string.Concat(Enumerable.Range(0, rows).Select(r => string.Join(',',
            values.Skip(r * 3).Take(3).Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "\n"));
        var expected = model.PredictRaw(CsvReader.Parse(csv));

        var y = Run(model, values);

        Assert.Equal(rows * 2, y.Length);
        var diff = OnnxRuntimeHarness.MaxAbsDiff([.. expected.Select(v => (double)v)], y);
        Assert.True(diff <= 1e-6 * Math.Max(1, expected.Max(Math.Abs)), $"max abs diff {diff}");
    }

    [Fact]
    public void The_model_imports_one_fixed_opset_and_takes_float_rows_of_symbolic_length()
    {
        var proto = OnnxExporter.Build(Linear(new float[,] { { 1 } }, [0]));

        var opset = Assert.Single(proto.OpsetImport);
        Assert.Equal(string.Empty, opset.Domain);
        Assert.Equal(OnnxExporter.Opset, opset.Version);
        var input = Assert.Single(proto.Graph.Input);
        Assert.Equal(OnnxExporter.InputName, input.Name);
        Assert.Equal((int)TensorProto.Types.DataType.Float, input.Type.TensorType.ElemType);
        Assert.Equal("N", input.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(1, input.Type.TensorType.Shape.Dim[1].DimValue);
    }

    [Theory]
    [InlineData("binary", 1)]
    [InlineData("multiclass", 3)]
    [InlineData("regression", 2)]
    public void Softmax_has_an_explicit_axis_and_every_initializer_is_float32(string task, int outputs)
    {
        var network = new Mlp<float>(new MlpSpec(2, [4], outputs, Activation.Softplus), new Rng(3));
        var card = new ModelCard
        {
            Task = task,
            Target = "y",
            Features = ["a", "b"],
            Classes = task == "regression" ? null : [.. Enumerable.Range(0, Math.Max(2, outputs)).Select(k => $"c{k}")],
            Architecture = new ArchitectureCard
            {
                Inputs = 2,
                Hidden = [4],
                Outputs = outputs,
                Activation = "softplus",
            },
            Standardization = new StandardizationCard { Mean = [0, 0], Std = [1, 1] },
            Loss = task == "regression" ? "l2" : task == "binary" ? "bce" : "ce",
            Reduction = "mean",
        };

        var proto = OnnxExporter.Build(new TrainedModel(network, card));

        Assert.All(proto.Graph.Node.Where(n => n.OpType == "Softmax"),
            n => Assert.Contains(n.Attribute, a => a.Name == "axis" && a.I == 1));
        Assert.Equal(task == "multiclass" ? 1 : 0, proto.Graph.Node.Count(n => n.OpType == "Softmax"));
        Assert.All(proto.Graph.Initializer, t => Assert.Equal((int)TensorProto.Types.DataType.Float, t.DataType));
    }
}
