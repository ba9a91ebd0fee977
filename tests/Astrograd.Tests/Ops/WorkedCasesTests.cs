namespace Astrograd.Tests.Ops;

// The worked cases of the project's case list (G: graphs, P: pitfalls) that the core ops cover.
public class WorkedCasesTests
{
    private static Tensor<double> Leaf(double v) => new(Shape.Scalar, [v]) { RequiresGrad = true };

    [Fact]
    public void G4_product_plus_bias_times_f_gives_every_leaf_gradient()
    {
        var (a, b, c, f) = (Leaf(2), Leaf(-3), Leaf(10), Leaf(-2));

        var e = a * b;
        var d = e + c;
        var l = d * f;
        l.Backward();

        Assert.Equal(-6, e.Item());
        Assert.Equal(4, d.Item());
        Assert.Equal(-8, l.Item());
        Assert.Equal(6, a.Grad!.Item());
        Assert.Equal(-4, b.Grad!.Item());
        Assert.Equal(-2, c.Grad!.Item());
        Assert.Equal(4, f.Grad!.Item());
    }

    [Fact]
    public void G5_long_expression_with_reuse_matches_the_exact_gradients()
    {
        // relu is written as Maximum(x, 0) here (the activation's own test builds it with Relu).
        var a = Leaf(-4);
        var b = Leaf(2);

        var c = a + b;
        var d = (a * b) + b.Pow(3.0);
        c = c + c + 1.0;
        c = c + 1.0 + c + (-a);
        d = d + (2.0 * d) + (b + a).Maximum(0.0);
        d = d + (3.0 * d) + (b - a).Maximum(0.0);
        var e = c - d;
        var f = e.Pow(2.0);
        var g = f / 2.0;
        g = g + (10.0 / f);
        g.Backward();

        // e = 4a + 3b + 3 − 12ab − 12b³ = −7, dg/de = e − 20/e³; ∂e/∂a = −20, ∂e/∂b = −93.
        var dgde = -7 + (20.0 / 343);
        Assert.Equal(24.704081632653061, g.Item(), 1e-12);
        Assert.Equal(-20 * dgde, a.Grad!.Item(), 1e-9);
        Assert.Equal(-93 * dgde, b.Grad!.Item(), 1e-9);
        Assert.Equal(138.8338, a.Grad!.Item(), 1e-4);
        Assert.Equal(645.5773, b.Grad!.Item(), 1e-4);
    }

    [Fact]
    public void G6_max_gate_routes_the_gradient_to_the_larger_input()
    {
        var (x, y, z, w) = (Leaf(3), Leaf(-4), Leaf(2), Leaf(-1));

        var f = 2.0 * ((x * y) + z.Maximum(w));
        f.Backward();

        Assert.Equal(-20, f.Item());
        Assert.Equal(-8, x.Grad!.Item());
        Assert.Equal(6, y.Grad!.Item());
        Assert.Equal(2, z.Grad!.Item());
        Assert.Equal(0, w.Grad!.Item());
    }

    [Fact]
    public void G6_at_a_tie_the_gradient_goes_to_the_second_argument()
    {
        var (z, w) = (Leaf(2), Leaf(2));

        z.Maximum(w).Backward();

        Assert.Equal(0, z.Grad!.Item());
        Assert.Equal(1, w.Grad!.Item());
    }

    [Fact]
    public void P3_power_with_a_tensor_exponent_at_a_positive_base()
    {
        var (a, b) = (Leaf(2), Leaf(3));

        var c = a.Pow(b);
        c.Backward();

        Assert.Equal(8, c.Item());
        Assert.Equal(12, a.Grad!.Item(), 1e-12);
        Assert.Equal(8 * Math.Log(2), b.Grad!.Item(), 1e-12);
        Assert.Equal(5.545177, b.Grad!.Item(), 1e-6);
    }

    [Fact]
    public void P3_power_with_a_negative_base_gives_a_NaN_exponent_gradient_without_throwing()
    {
        var (a, b) = (Leaf(-2), Leaf(-3));

        var c = a.Pow(b);
        c.Backward();

        Assert.Equal(-0.125, c.Item());
        Assert.Equal(-0.1875, a.Grad!.Item(), 1e-12);
        Assert.True(double.IsNaN(b.Grad!.Item()));
    }

    [Fact]
    public void P3_squaring_at_zero_has_gradient_zero_for_both_exponent_forms()
    {
        var x = Leaf(0);
        var a = Leaf(0);
        var b = Leaf(2);

        x.Pow(2.0).Backward();
        a.Pow(b).Backward();

        Assert.Equal(0, x.Grad!.Item());
        Assert.Equal(0, a.Grad!.Item());
        Assert.Equal(0, b.Grad!.Item());
    }

    [Fact]
    public void P6_clamp_and_maximum_at_zero_agree_with_relu_prime_of_zero()
    {
        var viaClamp = Leaf(0);
        var viaConstant = Leaf(0);
        var viaTensor = Leaf(0);

        var outputs = new[]
        {
            viaClamp.Clamp(min: 0.0),
            viaConstant.Maximum(0.0),
            viaTensor.Maximum(Tensor.Scalar(0.0)),
        };
        foreach (var o in outputs)
        {
            o.Backward();
        }

        Assert.All(outputs, o => Assert.Equal(0, o.Item()));
        Assert.Equal(0, viaClamp.Grad!.Item());
        Assert.Equal(0, viaConstant.Grad!.Item());
        Assert.Equal(0, viaTensor.Grad!.Item());
    }

    [Fact]
    public void P10_central_difference_of_exp_at_1_in_float64_is_accurate_to_about_1e_10()
    {
        const double Step = 1e-6;

        var plus = Tensor.Scalar(1 + Step).Exp().Item();
        var minus = Tensor.Scalar(1 - Step).Exp().Item();
        var error = Math.Abs(((plus - minus) / (2 * Step)) - Math.E);

        Assert.InRange(error, 1e-12, 1e-9);
    }

    [Fact]
    public void P10_the_same_difference_in_float32_is_off_by_several_percent()
    {
        const float Step = 1e-6f;

        var plus = Tensor.Scalar(1f + Step).Exp().Item();
        var minus = Tensor.Scalar(1f - Step).Exp().Item();
        var estimate = (plus - minus) / (2 * Step);

        Assert.InRange(estimate, 2.6f, 2.7f);
        Assert.True(Math.Abs(estimate - Math.E) > 0.04, $"float32 estimate {estimate}");
    }

    [Fact]
    public void P10_the_float64_gradient_check_passes_exp_at_1()
    {
        var x = Tensor.FromArray(new[] { 1.0 }, 1);

        var result = GradCheck.Check(t => t[0].Exp(), [x]);

        Assert.True(result.Passed, result.ToString());
        Assert.True(result.AbsoluteError < 1e-8, result.ToString());
    }

    [Fact]
    public void Where_takes_no_NaN_from_the_branch_it_did_not_choose()
    {
        // where(x > 0, sqrt(x), 0) at x = −1: sqrt′(−1) is NaN, but that branch was not taken.
        var x = Tensor.FromArray(new[] { -1.0, 4.0 }, 2);
        x.RequiresGrad = true;

        var y = Tensor.Where([false, true], x.Sqrt(), Tensor.Scalar(0.0));
        y.Sum().Backward();

        Assert.Equal(new[] { 0.0, 2.0 }, y.ToArray());
        Assert.Equal(new[] { 0.0, 0.25 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Where_blocks_an_infinite_gradient_from_the_unchosen_log_branch()
    {
        var x = Tensor.FromArray(new[] { 0.0, 1.0 }, 2);
        x.RequiresGrad = true;
        var positive = Tensor.FromArray(new[] { 0.0, 1.0 }, 2);

        Tensor.Where(positive, x.Log(), x).Sum().Backward();

        Assert.Equal(new[] { 1.0, 1.0 }, x.Grad!.ToArray());
    }
}
