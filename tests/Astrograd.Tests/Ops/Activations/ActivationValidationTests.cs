namespace Astrograd.Tests.Ops.Activations;

/// <summary>Argument checks of the activation ops, graph recording, and the names the nodes carry.</summary>
public class ActivationValidationTests
{
    private static readonly Tensor<double> _x = Tensor.FromArray(new double[] { -1, 0.5, 2 });

    [Fact]
    public void Leaky_relu_rejects_a_non_finite_slope_naming_the_parameter()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _x.LeakyRelu(double.NaN));

        Assert.Equal("negativeSlope", error.ParamName);
        Assert.Contains("LeakyRelu", error.Message);
    }

    [Fact]
    public void Elu_rejects_an_infinite_alpha()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _x.Elu(double.PositiveInfinity));

        Assert.Equal("alpha", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void Softplus_rejects_a_beta_that_is_not_positive(double beta)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _x.Softplus(beta));

        Assert.Equal("beta", error.ParamName);
        Assert.Contains("> 0", error.Message);
    }

    [Fact]
    public void Softplus_rejects_a_nan_threshold_and_accepts_infinity()
    {
        Assert.Equal("threshold",
            Assert.Throws<ArgumentOutOfRangeException>(() => _x.Softplus(threshold: double.NaN)).ParamName);

        var y = _x.Softplus(threshold: double.PositiveInfinity);

        Assert.Equal(Math.Log(1 + Math.E * Math.E), y.ToArray()[2], 1e-15);
    }

    [Fact]
    public void Gelu_rejects_an_undefined_approximation() =>
        Assert.Equal("approximation",
            Assert.Throws<ArgumentOutOfRangeException>(() => _x.Gelu((GeluApproximation)7)).ParamName);

    [Theory]
    [InlineData(1)]
    [InlineData(-2)]
    public void Softmax_with_an_axis_out_of_range_names_the_op_and_the_shape(int axis)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _x.Softmax(axis));

        Assert.Contains("Softmax", error.Message);
        Assert.Contains("[3]", error.Message);
    }

    [Fact]
    public void Log_softmax_and_log_sum_exp_name_themselves_in_axis_errors()
    {
        Assert.Contains("LogSoftmax", Assert.Throws<ArgumentOutOfRangeException>(() => _x.LogSoftmax(3)).Message);
        Assert.Contains("LogSumExp", Assert.Throws<ArgumentOutOfRangeException>(() => _x.LogSumExp(3)).Message);
    }

    [Fact]
    public void Log_sum_exp_removes_or_keeps_the_reduced_axis()
    {
        var x = Tensor.Zeros<double>(2, 3, 4);

        Assert.Equal(new Shape(2, 4), x.LogSumExp(1).Shape);
        Assert.Equal(new Shape(2, 1, 4), x.LogSumExp(1, keepDims: true).Shape);
        Assert.Equal(new Shape(2, 3), x.LogSumExp().Shape);
        Assert.Equal(Math.Log(3), x.LogSumExp(1).ToArray()[0], 1e-15);
    }

    [Fact]
    public void Nodes_carry_the_op_names()
    {
        var x = Tensor.FromArray(new double[] { 1, 2 });
        x.RequiresGrad = true;

        Assert.Equal("sigmoid", x.Sigmoid().Op);
        Assert.Equal("tanh", x.Tanh().Op);
        Assert.Equal("relu", x.Relu().Op);
        Assert.Equal("leaky_relu", x.LeakyRelu().Op);
        Assert.Equal("elu", x.Elu().Op);
        Assert.Equal("softplus", x.Softplus().Op);
        Assert.Equal("gelu", x.Gelu().Op);
        Assert.Equal("gelu_tanh", x.Gelu(GeluApproximation.Tanh).Op);
        Assert.Equal("silu", x.Silu().Op);
        Assert.Equal("softmax", x.Softmax().Op);
        Assert.Equal("log_softmax", x.LogSoftmax().Op);
        Assert.Equal("logsumexp", x.LogSumExp().Op);
        Assert.Same(x, x.Identity());
    }

    [Fact]
    public void Without_grad_or_inside_no_grad_no_node_is_recorded()
    {
        var x = Tensor.FromArray(new double[] { 1, 2 });
        var y = Tensor.FromArray(new double[] { 1, 2 });
        y.RequiresGrad = true;

        var plain = x.Silu();
        Tensor<double> scoped;
        using (Astrograd.Autograd.NoGrad())
        {
            scoped = y.Softmax();
        }

        Assert.True(plain.IsLeaf);
        Assert.False(plain.RequiresGrad);
        Assert.True(scoped.IsLeaf);
        Assert.False(scoped.RequiresGrad);
    }

    [Fact]
    public void Backward_accumulates_when_an_activation_input_is_reused()
    {
        var x = new Tensor<double>(Shape.Scalar, [0.7]) { RequiresGrad = true };

        (x.Tanh() + x.Tanh()).Backward();

        var t = Math.Tanh(0.7);
        Assert.Equal(2 * (1 - (t * t)), x.Grad!.Item(), 1e-15);
    }
}
