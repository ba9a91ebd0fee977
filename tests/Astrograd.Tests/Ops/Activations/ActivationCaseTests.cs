using static Astrograd.Tests.Ops.Activations.ActivationTestOps;

namespace Astrograd.Tests.Ops.Activations;

/// <summary>The worked cases of cases.md that involve activations, with their exact expected values.</summary>
public class ActivationCaseTests
{
    // The expected values are given to 7 decimals.
    private const double Digits7 = 1e-7;

    [Fact]
    public void G2_sigmoid_neuron_gate_by_gate_gives_the_lecture_gradients()
    {
        var (w0, x0, w1, x1, w2) = G2Leaves();

        var dot = (w0 * x0) + (w1 * x1) + w2;
        var u = ExpGate(-1.0 * dot) + 1.0;
        var f = Reciprocal(u);
        f.Backward();

        Assert.Equal(0.7310586, f.Item(), Digits7);
        AssertG2Leaves(w0, x0, w1, x1, w2);
    }

    [Fact]
    public void G2_fused_sigmoid_node_gives_the_same_leaves_as_the_gates()
    {
        var (w0, x0, w1, x1, w2) = G2Leaves();

        var f = ((w0 * x0) + (w1 * x1) + w2).Sigmoid();
        f.Backward();

        Assert.Equal(0.7310586, f.Item(), Digits7);
        Assert.Equal("sigmoid", f.Op);
        AssertG2Leaves(w0, x0, w1, x1, w2);
    }

    [Fact]
    public void G3_x_used_three_times_and_y_twice_through_sigmoids()
    {
        // Division as multiplication by a test-only reciprocal, and the square as a product (see ActivationTestOps).
        var x = Leaf(3, "x");
        var y = Leaf(-4, "y");

        var numerator = x + y.Sigmoid();
        var sum = x + y;
        var denominator = x.Sigmoid() + (sum * sum);
        var f = numerator * Reciprocal(denominator);
        f.Backward();

        Assert.Equal(1.5456449, f.Item(), Digits7);
        Assert.Equal(2.0595698, x.Grad!.Item(), Digits7);
        Assert.Equal(1.5922328, y.Grad!.Item(), Digits7);
    }

    [Fact]
    public void G5_long_expression_with_relu_matches_micrograd()
    {
        // Powers as products, division by a constant as a product, 10/f by the test-only reciprocal.
        var a = Leaf(-4, "a");
        var b = Leaf(2, "b");

        var c = a + b;
        var d = (a * b) + (b * b * b);
        c = c + c + 1.0;
        c = c + 1.0 + c + (-1.0 * a);
        d = d + (d * 2.0) + (b + a).Relu();
        d = d + (3.0 * d) + Minus(b, a).Relu();
        var e = Minus(c, d);
        var f = e * e;
        var g = f * 0.5;
        g = g + (10.0 * Reciprocal(f));
        g.Backward();

        Assert.Equal(24.704081632653061, g.Item(), 1e-12);
        Assert.Equal(138.833819, a.Grad!.Item(), 1e-6);
        Assert.Equal(645.577259, b.Grad!.Item(), 1e-6);
    }

    [Fact]
    public void P4_softmax_of_huge_logits_does_not_overflow_in_float64()
    {
        var logits = Tensor.FromArray(new double[] { 1000, 1001 });

        var p = logits.Softmax().ToArray();
        var lse = logits.LogSumExp().Item();
        var logp = logits.LogSoftmax().ToArray();

        Assert.Equal(0.2689414214, p[0], 1e-10);
        Assert.Equal(0.7310585786, p[1], 1e-10);
        Assert.Equal(1001.3132616875, lse, 1e-10);
        Assert.Equal(1.3132616875, -logp[0], 1e-10);
    }

    [Fact]
    public void P4_softmax_of_huge_logits_does_not_overflow_in_float32()
    {
        var logits = Tensor.FromArray(new float[] { 1000, 1001 });

        var p = logits.Softmax().ToArray();
        var lse = logits.LogSumExp().Item();
        var logp = logits.LogSoftmax().ToArray();

        Assert.Equal(0.2689414214, p[0], 1e-7);
        Assert.Equal(0.7310585786, p[1], 1e-7);
        // One float32 ulp at 1001 is 6.1e-5.
        Assert.Equal(1001.3132616875, lse, 1e-4);
        Assert.Equal(1.3132616875, -logp[0], 1e-4);
    }

    [Fact]
    public void P4_gradient_of_log_sum_exp_of_huge_logits_is_the_softmax()
    {
        var logits = Tensor.FromArray(new double[] { 1000, 1001 });
        logits.RequiresGrad = true;

        logits.LogSumExp().Backward();

        Assert.Equal(0.2689414214, logits.Grad!.ToArray()[0], 1e-10);
        Assert.Equal(0.7310585786, logits.Grad!.ToArray()[1], 1e-10);
    }

    [Theory]
    [InlineData(100.0)]
    [InlineData(200.0)]
    [InlineData(1000.0)]
    public void P5_softplus_of_a_saturated_logit_is_the_logit_with_gradient_one(double logit)
    {
        // Binary cross-entropy with target 0 from the logit is softplus(x); its gradient is σ(x) − 0.
        foreach (var threshold in new[] { 20.0, double.PositiveInfinity })
        {
            var x = Leaf(logit, "x");

            var loss = x.Softplus(threshold: threshold);
            loss.Backward();

            Assert.Equal(logit, loss.Item());
            Assert.Equal(1.0, x.Grad!.Item());
        }
    }

    [Fact]
    public void P5_softplus_of_a_very_negative_logit_keeps_its_tiny_value()
    {
        var x = Tensor.FromArray(new double[] { -200, -40 });

        var y = x.Softplus().ToArray();

        Assert.Equal(1.3838965267367376e-87, y[0], 1e-100);
        Assert.Equal(4.248354255291589e-18, y[1], 1e-31);
    }

    [Fact]
    public void P5_softplus_in_float32_of_200_is_200_not_infinity()
    {
        var x = Tensor.FromArray(new float[] { 100, 200 });

        var y = x.Softplus(threshold: double.PositiveInfinity).ToArray();

        Assert.Equal(new float[] { 100, 200 }, y);
    }

    [Fact]
    public void P6_relu_at_exactly_zero_has_value_and_gradient_zero()
    {
        var x = Leaf(0, "x");

        var y = x.Relu();
        y.Backward();

        Assert.Equal(0, y.Item());
        Assert.Equal(0, x.Grad!.Item());
    }

    [Fact]
    public void P6_one_relu_unit_started_at_zero_gets_no_weight_gradient()
    {
        var w = Leaf(0, "w");
        var b = Leaf(0, "b");
        var x = Tensor.Scalar(1.0);

        var y = ((w * x) + b).Relu();
        var loss = Minus(y, Tensor.Scalar(1.0));
        (loss * loss).Backward();

        Assert.Equal(0, w.Grad!.Item());
        Assert.Equal(0, b.Grad!.Item());
    }

    [Fact]
    public void P7_relu_backward_multiplies_the_incoming_gradient()
    {
        var x = Leaf(2, "x");

        var loss = 3.0 * x.Relu();
        loss.Backward();

        Assert.Equal(3, x.Grad!.Item());
    }

    [Fact]
    public void P7_sigmoid_backward_multiplies_the_incoming_gradient()
    {
        var w = Leaf(2, "w");
        var h = Tensor.Scalar(0.5);
        var t = Tensor.Scalar(1.0);

        var y = (w * h).Sigmoid();
        var r = Minus(y, t);
        (r * r).Backward();

        Assert.Equal(-0.0528771, w.Grad!.Item(), Digits7);
    }

    [Fact]
    public void P7_sigmoid_derivative_is_taken_at_the_pre_activation()
    {
        var z = Leaf(2, "z");

        z.Sigmoid().Backward();

        Assert.Equal(0.1049936, z.Grad!.Item(), Digits7);
    }

    [Fact]
    public void P14_softplus_gradient_below_the_threshold_is_the_sigmoid_of_beta_x()
    {
        var x = Leaf(0.2736, "x");

        var y = x.Softplus(beta: 3, threshold: 1);
        y.Backward();

        Assert.Equal(Math.Log(1 + Math.Exp(0.8208)) / 3, y.Item(), 1e-15);
        Assert.Equal(0.6944061, x.Grad!.Item(), Digits7);
    }

    [Fact]
    public void P14_softplus_above_the_threshold_is_linear_with_gradient_one()
    {
        var x = Leaf(0.5, "x");

        var y = x.Softplus(beta: 3, threshold: 1);
        y.Backward();

        Assert.Equal(0.5, y.Item());
        Assert.Equal(1, x.Grad!.Item());
    }

    [Fact]
    public void P14_softplus_gradient_in_float32_tests_beta_x_not_the_output()
    {
        var x = new Tensor<float>(Shape.Scalar, [0.2736f]) { RequiresGrad = true };

        x.Softplus(beta: 3, threshold: 1).Backward();

        Assert.Equal(0.6944061, x.Grad!.Item(), 1e-6);
    }

    private static (Tensor<double>, Tensor<double>, Tensor<double>, Tensor<double>, Tensor<double>) G2Leaves() =>
        (Leaf(2, "w0"), Leaf(-1, "x0"), Leaf(-3, "w1"), Leaf(-2, "x1"), Leaf(-3, "w2"));

    private static void AssertG2Leaves(Tensor<double> w0, Tensor<double> x0, Tensor<double> w1, Tensor<double> x1,
        Tensor<double> w2)
    {
        Assert.Equal(-0.1966119, w0.Grad!.Item(), Digits7);
        Assert.Equal(0.3932239, x0.Grad!.Item(), Digits7);
        Assert.Equal(-0.3932239, w1.Grad!.Item(), Digits7);
        Assert.Equal(-0.5898358, x1.Grad!.Item(), Digits7);
        Assert.Equal(0.1966119, w2.Grad!.Item(), Digits7);
    }
}
