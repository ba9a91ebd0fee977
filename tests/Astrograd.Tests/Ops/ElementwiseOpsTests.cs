namespace Astrograd.Tests.Ops;

public class ElementwiseOpsTests
{
    private static Tensor<double> Vector(params double[] values)
    {
        var t = Tensor.FromArray(values, values.Length);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void Sub_gives_minus_one_to_the_subtrahend_summed_over_its_broadcast()
    {
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var b = Tensor.FromArray(new double[] { 10, 20, 30 }, 3);
        x.RequiresGrad = true;
        b.RequiresGrad = true;

        var y = x - b;
        y.Sum().Backward();

        Assert.Equal(new double[] { -9, -18, -27, -6, -15, -24 }, y.ToArray());
        Assert.Equal(new double[] { 1, 1, 1, 1, 1, 1 }, x.Grad!.ToArray());
        Assert.Equal(new double[] { -2, -2, -2 }, b.Grad!.ToArray());
    }

    [Fact]
    public void Scalar_overloads_of_sub_and_div_work_on_either_side()
    {
        var x = Vector(2, 4);

        var y = (10.0 - x) + (x - 1.0) + (8.0 / x) + (x / 2.0);
        y.Sum().Backward();

        // 10 − x + x − 1 + 8/x + x/2: derivative −8/x² + 1/2.
        Assert.Equal(new double[] { 9 + 4 + 1, 9 + 2 + 2 }, y.ToArray());
        Assert.Equal(new[] { -2 + 0.5, -0.5 + 0.5 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Unary_minus_negates_values_and_gradients()
    {
        var x = Vector(1, -2);

        var y = -x;
        (y * Tensor.FromArray(new double[] { 3, 5 }, 2)).Sum().Backward();

        Assert.Equal(new double[] { -1, 2 }, y.ToArray());
        Assert.Equal(new double[] { -3, -5 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Div_by_zero_follows_IEEE_without_throwing()
    {
        var x = Vector(1, -1, 0);

        var y = x / 0.0;

        Assert.Equal(double.PositiveInfinity, y.ToArray()[0]);
        Assert.Equal(double.NegativeInfinity, y.ToArray()[1]);
        Assert.True(double.IsNaN(y.ToArray()[2]));
    }

    [Fact]
    public void Div_gradients_are_one_over_b_and_minus_a_over_b_squared()
    {
        var a = Vector(6);
        var b = Vector(3);

        (a / b).Backward();

        Assert.Equal(1.0 / 3, a.Grad!.Item(), 1e-15);
        Assert.Equal(-6.0 / 9, b.Grad!.Item(), 1e-15);
    }

    [Fact]
    public void Pow_with_exponent_zero_has_gradient_zero_even_at_a_zero_base()
    {
        var x = Vector(0, 2);

        var y = x.Pow(0.0);
        y.Sum().Backward();

        Assert.Equal(new double[] { 1, 1 }, y.ToArray());
        Assert.Equal(new double[] { 0, 0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Square_root_as_pow_one_half_has_an_infinite_gradient_at_zero()
    {
        var x = Vector(0);

        x.Pow(0.5).Backward();

        Assert.Equal(double.PositiveInfinity, x.Grad!.Item());
    }

    [Fact]
    public void Pow_with_a_tensor_exponent_at_a_zero_base_gives_a_zero_exponent_gradient()
    {
        var a = Vector(0, 0);
        var b = Vector(2, 0.5);

        a.Pow(b).Sum().Backward();

        Assert.Equal(new double[] { 0, 0 }, b.Grad!.ToArray());
    }

    [Fact]
    public void Exp_log_and_sqrt_give_their_textbook_values_and_gradients()
    {
        var x = Vector(4);

        var y = x.Exp() + x.Log() + x.Sqrt();
        y.Backward();

        Assert.Equal(Math.Exp(4) + Math.Log(4) + 2, y.Item(), 1e-12);
        Assert.Equal(Math.Exp(4) + 0.25 + 0.25, x.Grad!.Item(), 1e-12);
    }

    [Fact]
    public void Log_of_zero_is_minus_infinity_and_of_a_negative_number_NaN_without_throwing()
    {
        var y = Tensor.FromArray(new double[] { 0, -1 }, 2).Log();

        Assert.Equal(double.NegativeInfinity, y.ToArray()[0]);
        Assert.True(double.IsNaN(y.ToArray()[1]));
    }

    [Fact]
    public void A_zero_incoming_gradient_stays_zero_through_an_infinite_local_derivative()
    {
        var x = Vector(0, 0, 0, -1);

        var y = Tensor.Concat([x.Rows(0, 1).Sqrt(), x.Rows(1, 1).Log(), (1.0 / x.Rows(2, 1)), x.Rows(3, 1).Pow(0.5)]);
        y.Backward(Tensor.Zeros<double>(4));

        Assert.Equal(new double[] { 0, 0, 0, 0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Abs_has_gradient_sign_x_and_zero_at_both_zeros()
    {
        var x = Vector(-2, 0, -0.0, 3);

        var y = x.Abs();
        y.Sum().Backward();

        Assert.Equal(new double[] { 2, 0, 0, 3 }, y.ToArray());
        Assert.Equal(new double[] { -1, 0, 0, 1 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Clamp_passes_the_gradient_strictly_inside_and_blocks_it_at_and_beyond_the_bounds()
    {
        var x = Vector(-2, -1, 0, 1, 2);

        var y = x.Clamp(-1.0, 1.0);
        y.Sum().Backward();

        Assert.Equal(new double[] { -1, -1, 0, 1, 1 }, y.ToArray());
        Assert.Equal(new double[] { 0, 0, 1, 0, 0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Clamp_without_bounds_is_the_identity()
    {
        var x = Vector(-5, 5);

        var y = x.Clamp();
        y.Sum().Backward();

        Assert.Equal(new double[] { -5, 5 }, y.ToArray());
        Assert.Equal(new double[] { 1, 1 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Clamp_keeps_NaN_and_gives_it_no_gradient()
    {
        var x = Vector(double.NaN);

        var y = x.Clamp(0.0, 1.0);
        y.Backward();

        Assert.True(double.IsNaN(y.Item()));
        Assert.Equal(0, x.Grad!.Item());
    }

    [Fact]
    public void Minimum_routes_the_gradient_to_the_smaller_input_and_ties_to_the_second()
    {
        var a = Vector(1, 5, 3);
        var b = Vector(2, 4, 3);

        var y = a.Minimum(b);
        y.Sum().Backward();

        Assert.Equal(new double[] { 1, 4, 3 }, y.ToArray());
        Assert.Equal(new double[] { 1, 0, 0 }, a.Grad!.ToArray());
        Assert.Equal(new double[] { 0, 1, 1 }, b.Grad!.ToArray());
    }

    [Fact]
    public void Maximum_against_a_broadcast_threshold_sums_the_threshold_gradient()
    {
        var x = Tensor.FromArray(new double[] { 1, 5, 3, 0 }, 2, 2);
        var t = Tensor.FromArray(new double[] { 2, 2 }, 2);
        x.RequiresGrad = true;
        t.RequiresGrad = true;

        var y = x.Maximum(t);
        y.Sum().Backward();

        Assert.Equal(new double[] { 2, 5, 3, 2 }, y.ToArray());
        Assert.Equal(new double[] { 0, 1, 1, 0 }, x.Grad!.ToArray());
        Assert.Equal(new double[] { 1, 1 }, t.Grad!.ToArray());
    }

    [Fact]
    public void Maximum_of_NaN_is_NaN()
    {
        var y = Tensor.FromArray(new[] { double.NaN, 1 }, 2).Maximum(Tensor.FromArray(new[] { 1.0, double.NaN }, 2));

        Assert.All(y.ToArray(), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Where_broadcasts_condition_and_branches_and_splits_the_gradient()
    {
        var condition = Tensor.FromArray(new double[] { 1, 0 }, 2, 1);
        var a = Tensor.FromArray(new double[] { 1, 2, 3 }, 3);
        var b = Tensor.FromArray(new double[] { -1 }, 1);
        a.RequiresGrad = true;
        b.RequiresGrad = true;

        var y = Tensor.Where(condition, a, b);
        y.Sum().Backward();

        Assert.Equal(new[] { 2, 3 }, y.Shape.ToArray());
        Assert.Equal(new double[] { 1, 2, 3, -1, -1, -1 }, y.ToArray());
        Assert.Equal(new double[] { 1, 1, 1 }, a.Grad!.ToArray());
        Assert.Equal(new double[] { 3 }, b.Grad!.ToArray());
    }

    [Fact]
    public void Float32_ops_run_and_record_gradients()
    {
        var x = Tensor.FromArray(new[] { 1f, 4f }, 2);
        x.RequiresGrad = true;

        var y = (x.Sqrt() / x) - x.Log().Exp();
        y.Sum().Backward();

        // x^(−1/2) − x: derivative −x^(−3/2)/2 − 1.
        Assert.Equal(-1.5f, x.Grad!.ToArray()[0], 1e-6f);
        Assert.Equal(-1.0625f, x.Grad!.ToArray()[1], 1e-6f);
    }
}
