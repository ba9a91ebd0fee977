using System.Numerics;

namespace Astrograd.Tests.Ops.Activations;

/// <summary>±0, ±∞, NaN and huge inputs through every activation, in float and double: values and
/// gradients.</summary>
public class ActivationSpecialValueTests
{
    private const double Inf = double.PositiveInfinity;
    private const double NaN = double.NaN;

    // The inputs, in this order, for every row below.
    private static readonly double[] _inputs = [0.0, -0.0, Inf, -Inf, NaN, 1e30, -1e30, 1000, -1000];

    public static TheoryData<string, double[], double[]> Rows => new()
    {
        { "sigmoid", [0.5, 0.5, 1, 0, NaN, 1, 0, 1, 0], [0.25, 0.25, 0, 0, NaN, 0, 0, 0, 0] },
        { "tanh", [0, 0, 1, -1, NaN, 1, -1, 1, -1], [1, 1, 0, 0, NaN, 0, 0, 0, 0] },
        { "relu", [0, 0, Inf, 0, NaN, 1e30, 0, 1000, 0], [0, 0, 1, 0, 0, 1, 0, 1, 0] },
        { "leaky_relu", [0, 0, Inf, -Inf, NaN, 1e30, -1e28, 1000, -10], [0.01, 0.01, 1, 0.01, 0.01, 1, 0.01, 1, 0.01] },
        { "elu", [0, 0, Inf, -1, NaN, 1e30, -1, 1000, -1], [1, 1, 1, 0, NaN, 1, 0, 1, 0] },
        {
            "softplus", [Math.Log(2), Math.Log(2), Inf, 0, NaN, 1e30, 0, 1000, 0],
            [0.5, 0.5, 1, 0, NaN, 1, 0, 1, 0]
        },
        { "gelu", [0, 0, Inf, 0, NaN, 1e30, 0, 1000, 0], [0.5, 0.5, 1, 0, NaN, 1, 0, 1, 0] },
        { "gelu_tanh", [0, 0, Inf, 0, NaN, 1e30, 0, 1000, 0], [0.5, 0.5, 1, 0, NaN, 1, 0, 1, 0] },
        { "silu", [0, 0, Inf, 0, NaN, 1e30, 0, 1000, 0], [0.5, 0.5, 1, 0, NaN, 1, 0, 1, 0] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Special_inputs_give_the_limits_in_double(string name, double[] values, double[] slopes) =>
        AssertSpecial<double>(name, values, slopes);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Special_inputs_give_the_limits_in_float(string name, double[] values, double[] slopes) =>
        AssertSpecial<float>(name, values, slopes);

    [Fact]
    public void Sigmoid_of_minus_1000_is_zero_without_nan_in_both_precisions()
    {
        Assert.Equal(0.0, Tensor.FromArray(new double[] { -1000 }).Sigmoid().Item());
        Assert.Equal(0f, Tensor.FromArray(new float[] { -1000 }).Sigmoid().Item());
    }

    [Fact]
    public void Softmax_of_a_row_with_minus_infinity_entries_gives_them_zero()
    {
        var x = Tensor.FromArray(new double[] { double.NegativeInfinity, 0, double.NegativeInfinity, 1 }, 1, 4);
        x.RequiresGrad = true;

        var p = x.Softmax();
        p.Backward(Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 1, 4));
        var logp = x.Detach().LogSoftmax().ToArray();

        var expected = new[] { 0, 0.2689414213699951, 0, 0.7310585786300049 };
        Assert.All(expected.Zip(p.ToArray()), pair => Assert.Equal(pair.First, pair.Second, 1e-15));
        Assert.All(x.Grad!.ToArray(), v => Assert.False(double.IsNaN(v)));
        Assert.Equal(double.NegativeInfinity, logp[0]);
        Assert.Equal(-1.3132616875182228, logp[1], 1e-15);
    }

    [Fact]
    public void Softmax_of_an_all_minus_infinity_row_is_nan_and_other_rows_are_unaffected()
    {
        var x = Tensor.FromArray(new float[] { float.NegativeInfinity, float.NegativeInfinity, 0, 0 }, 2, 2);

        var p = x.Softmax().ToArray();

        Assert.True(float.IsNaN(p[0]) && float.IsNaN(p[1]));
        Assert.Equal(new[] { 0.5f, 0.5f }, p[2..]);
    }

    [Fact]
    public void Log_sum_exp_of_infinite_slices_is_that_infinity()
    {
        var x = Tensor.FromArray(new double[] { double.NegativeInfinity, double.NegativeInfinity, 1, Inf }, 2, 2);

        var lse = x.LogSumExp().ToArray();

        Assert.Equal(new[] { double.NegativeInfinity, Inf }, lse);
    }

    [Fact]
    public void Log_sum_exp_of_an_empty_axis_is_minus_infinity()
    {
        var x = Tensor.Zeros<double>(3, 0);

        var lse = x.LogSumExp();

        Assert.Equal(new Shape(3), lse.Shape);
        Assert.All(lse.ToArray(), v => Assert.Equal(double.NegativeInfinity, v));
    }

    public static TheoryData<string> ElementwiseNames => new(ActivationReference.Names);

    [Theory]
    [MemberData(nameof(ElementwiseNames))]
    public void A_zero_incoming_gradient_contributes_exactly_zero_even_at_a_nan_input(string name)
    {
        // Strong zero, as in the core elementwise ops: a masked-out NaN (a missing feature) must not poison the
        // gradient through 0 · NaN. 16 elements reach the vectorised loops.
        var x = Tensor.FromArray(Enumerable.Repeat(double.NaN, 16).ToArray());
        x.RequiresGrad = true;

        Run(name, x).Backward(Tensor.Zeros<double>(16));

        Assert.All(x.Grad!.ToArray(), v => Assert.Equal(0, v));
    }

    [Theory]
    [MemberData(nameof(ElementwiseNames))]
    public void A_nan_incoming_gradient_still_propagates(string name)
    {
        var x = Tensor.Full(1.5, 16);
        x.RequiresGrad = true;

        Run(name, x).Backward(Tensor.Full(double.NaN, 16));

        Assert.All(x.Grad!.ToArray(), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Log_sum_exp_with_a_zero_incoming_gradient_contributes_zero_through_a_nan_slice()
    {
        var x = Tensor.FromArray(new double[] { double.NaN, 1, 2, 3 }, 2, 2);
        x.RequiresGrad = true;

        x.LogSumExp().Backward(Tensor.FromArray(new double[] { 0, 1 }));

        var grad = x.Grad!.ToArray();
        Assert.Equal(new double[] { 0, 0 }, grad[..2]);
        Assert.Equal(1 / (1 + Math.E), grad[2], 1e-15);
    }

    [Fact]
    public void Every_activation_of_an_empty_tensor_is_empty()
    {
        var x = Tensor.Zeros<float>(0, 4);
        x.RequiresGrad = true;

        foreach (var name in ActivationReference.Names.Concat(["softmax", "log_softmax"]))
        {
            var y = Run(name, x);
            y.Backward(Tensor.Zeros<float>(0, 4));

            Assert.Equal(x.Shape, y.Shape);
        }
    }

    private static void AssertSpecial<T>(string name, double[] values, double[] slopes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new Tensor<T>(new Shape(_inputs.Length), _inputs.Select(T.CreateSaturating).ToArray())
        {
            RequiresGrad = true,
        };

        var y = Run(name, x);
        y.Backward(Tensor.Ones<T>(_inputs.Length));

        for (var i = 0; i < _inputs.Length; i++)
        {
            var at = FormattableString.Invariant($"{name}<{typeof(T).Name}>({_inputs[i]})");
            AssertSame(values[i], double.CreateChecked(y.Span[i]), at);
            AssertSame(slopes[i], double.CreateChecked(x.Grad!.Span[i]), at + "′");
        }
    }

    private static Tensor<T> Run<T>(string name, Tensor<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> => name switch
        {
            "sigmoid" => x.Sigmoid(),
            "tanh" => x.Tanh(),
            "relu" => x.Relu(),
            "leaky_relu" => x.LeakyRelu(),
            "elu" => x.Elu(),
            "softplus" => x.Softplus(),
            "gelu" => x.Gelu(),
            "gelu_tanh" => x.Gelu(GeluApproximation.Tanh),
            "silu" => x.Silu(),
            "softmax" => x.Softmax(),
            "log_softmax" => x.LogSoftmax(),
            _ => throw new ArgumentException($"no activation '{name}'", nameof(name)),
        };

    private static void AssertSame(double expected, double actual, string at)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{at}: expected NaN, got {actual}");
            return;
        }

        // Huge finite values (1e30 in float) and the float rounding of log 2 need a relative margin.
        var ok = expected == actual || Math.Abs(expected - actual) <= 1e-7 * Math.Abs(expected);
        Assert.True(ok, FormattableString.Invariant($"{at}: expected {expected:R}, got {actual:R}"));
    }
}
