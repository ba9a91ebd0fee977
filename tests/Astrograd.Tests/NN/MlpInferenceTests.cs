using Astrograd.NN;
using Astrograd.Training;

namespace Astrograd.Tests.NN;

public class MlpInferenceTests
{
    public static TheoryData<Activation> Activations => [.. Enum.GetValues<Activation>()];

    private static float[] Rows(int rows, int features)
    {
        var rng = new Rng(8);
        return [.. Enumerable.Range(0, rows * features).Select(_ => (float)(3 * rng.NextNormal()))];
    }

    private static float[] ModulePath(Mlp<float> model, float[] x, int features)
    {
        model.Eval();
        using var scope = Astrograd.Autograd.NoGrad();
        return model.Forward(new Tensor<float>(new Shape(x.Length / features, features), x)).ToArray();
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Scoring_without_a_graph_gives_the_bits_of_the_module_path(Activation activation)
    {
        var model = new Mlp<float>(new MlpSpec(5, [7, 300], 3, activation, Dropout: 0.2), new Rng(2));
        var x = Rows(613, 5);

        var fast = Evaluation.Forward(model, x, 5);

        Assert.Equal(ModulePath(model, x, 5), fast);
    }

    [Fact]
    public void A_linear_model_and_a_single_row_work()
    {
        var model = new Mlp<float>(new MlpSpec(4, [], 2), new Rng(3));
        var x = Rows(1, 4);

        Assert.Equal(ModulePath(model, x, 4), Evaluation.Forward(model, x, 4));
    }

    [Fact]
    public void Monte_carlo_dropout_keeps_the_module_path()
    {
        var model = new Mlp<float>(new MlpSpec(3, [16], 1, Dropout: 0.5), new Rng(4));
        foreach (var d in model.Layers.OfType<Dropout<float>>())
        {
            d.ActiveInEval = true;
        }

        Assert.Null(model.Inference);
        var x = Rows(50, 3);
        Assert.NotEqual(Evaluation.Forward(model, x, 3), Evaluation.Forward(model, x, 3));
    }

    [Fact]
    public void Scoring_allocates_only_its_result_once_warm()
    {
        var model = new Mlp<float>(new MlpSpec(8, [64, 64], 1), new Rng(5));
        var x = Rows(2000, 8);
        Evaluation.Forward(model, x, 8);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Evaluation.Forward(model, x, 8);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The 2000-value result array (8 KB) and a few small objects; no activations.
        Assert.InRange(allocated, 0, 2000 * sizeof(float) + 1024);
    }
}
