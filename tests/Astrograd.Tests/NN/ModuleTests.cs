using Astrograd.NN;

namespace Astrograd.Tests.NN;

public class ModuleTests
{
    [Fact]
    public void Mlp_parameters_are_named_in_registration_order()
    {
        var mlp = new Mlp<float>(new MlpSpec(8, [4, 3], 1, Activation.Tanh), new Rng(1));

        var names = mlp.NamedParameters().Select(p => p.Name).ToArray();

        Assert.Equal(
            [
                "layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias", "layers.4.weight",
                "layers.4.bias",
            ],
            names);
        Assert.Equal((8 * 4) + 4 + (4 * 3) + 3 + (3 * 1) + 1, mlp.ParameterCount());
    }

    [Fact]
    public void Linear_computes_x_times_W_transposed_plus_b()
    {
        var layer = new Linear<double>(2, 3, new Rng(1));
        new double[] { 1, 0, 0, 1, 1, 1 }.CopyTo(layer.Weight.Span);
        new double[] { 0.5, 0, -1 }.CopyTo(layer.Bias!.Span);

        var y = layer.Forward(Tensor.FromArray(new double[] { 1, 2 }, 1, 2));

        Assert.Equal(new double[] { 1.5, 2, 2 }, y.ToArray());
    }

    [Fact]
    public void A_module_rejects_a_duplicate_or_malformed_name()
    {
        Assert.Throws<ArgumentException>(() => new TwoNames("w", "w"));
        var error = Assert.Throws<ArgumentException>(() => new TwoNames("w", "bad.name"));

        Assert.Contains("bad.name", error.Message);
    }

    [Theory]
    [InlineData(InitScheme.GlorotUniform, 2.0 / (256 + 128))]
    [InlineData(InitScheme.GlorotNormal, 2.0 / (256 + 128))]
    [InlineData(InitScheme.HeUniform, 2.0 / 256)]
    [InlineData(InitScheme.HeNormal, 2.0 / 256)]
    [InlineData(InitScheme.LeCunUniform, 1.0 / 256)]
    [InlineData(InitScheme.LeCunNormal, 1.0 / 256)]
    public void Init_schemes_have_their_textbook_variance(InitScheme scheme, double variance)
    {
        var w = new double[256 * 128];

        Init.Fill<double>(w, fanIn: 256, fanOut: 128, scheme, new Rng(3));

        var mean = w.Average();
        var measured = w.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(measured, variance * 0.95, variance * 1.05);
        Assert.InRange(mean, -0.01, 0.01);
    }

    [Fact]
    public void Default_init_follows_the_activation_and_is_never_all_zero()
    {
        Assert.Equal(InitScheme.HeUniform, Init.Resolve(InitScheme.Default, "relu"));
        Assert.Equal(InitScheme.GlorotUniform, Init.Resolve(InitScheme.Default, "tanh"));

        var mlp = new Mlp<float>(new MlpSpec(1, [1], 1, Activation.Relu), new Rng(0));

        Assert.All(mlp.LinearLayers, l => Assert.Contains(l.Weight.ToArray(), v => v != 0));
    }

    [Fact]
    public void Dropout_keeps_the_expected_value_in_training_and_is_the_identity_in_evaluation()
    {
        var dropout = new Dropout<double>(0.25, new Rng(4));
        var x = Tensor.Ones<double>(10_000);

        var trained = dropout.Forward(x).ToArray();
        dropout.Eval();
        var evaluated = dropout.Forward(x);

        Assert.InRange(trained.Average(), 0.97, 1.03);
        Assert.All(trained, v => Assert.True(v == 0 || Math.Abs(v - (1 / 0.75)) < 1e-12));
        Assert.Same(x, evaluated);
    }

    [Fact]
    public void Eval_and_train_reach_every_submodule()
    {
        var mlp = new Mlp<float>(new MlpSpec(2, [3], 1, Activation.Tanh, Dropout: 0.5), new Rng(0));

        mlp.Eval();

        Assert.All(mlp.Layers, l => Assert.False(l.IsTraining));
        mlp.Train();
        Assert.All(mlp.Layers, l => Assert.True(l.IsTraining));
    }

    private sealed class TwoNames : Module<double>
    {
        public TwoNames(string a, string b)
        {
            RegisterParameter(a, new Parameter<double>(new Shape(1), [0]));
            RegisterParameter(b, new Parameter<double>(new Shape(1), [0]));
        }

        public override Tensor<double> Forward(Tensor<double> input) => input;
    }
}
