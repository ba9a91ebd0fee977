using Astrograd.NN;
using Astrograd.Optim;

namespace Astrograd.Tests.Optim;

public class AdamTests
{
    // One step from w = 1 with a data gradient of 0: only the weight decay moves w (case P8).
    private static double OneStepWithZeroDataGradient(Func<Parameter<double>, Optimizer<double>> make)
    {
        var w = new Parameter<double>(new Shape(1), [1.0]);
        var optimizer = make(w);
        (w * 0.0).Sum().Backward();

        optimizer.Step();

        return w.Item();
    }

    [Fact]
    public void Case_P8_l2_weight_decay_goes_through_the_moments()
    {
        // ĝ = 0 + 0.1·1 = 0.1; m̂ = 0.1, v̂ = 0.01; w = 1 − 0.1·0.1 / (0.1 + 1e-8) = 0.90000001 (to 1e-16).
        var w = OneStepWithZeroDataGradient(p =>
            new Adam<double>([p], new AdamOptions(0.1, 0.9, 0.999, 1e-8, L2WeightDecay: 0.1)));

        Assert.Equal(0.90000001, w, 1e-15);
    }

    [Fact]
    public void Case_P8_decoupled_weight_decay_scales_the_weights()
    {
        // w ← w·(1 − 0.1·0.1) = 0.99, and the moments of a zero gradient move it no further.
        var w = OneStepWithZeroDataGradient(p =>
            new AdamW<double>([p], new AdamWOptions(0.1, 0.9, 0.999, 1e-8, DecoupledWeightDecay: 0.1)));

        Assert.Equal(0.99, w, 1e-15);
    }

    [Fact]
    public void First_step_moves_each_element_by_the_learning_rate_against_its_gradient()
    {
        // Bias correction makes m̂ = g and v̂ = g² at t = 1, so the step is λ·g / (|g| + ε) ≈ λ·sign(g).
        var w = new Parameter<double>(new Shape(3), [1.0, -2.0, 0.5]);
        var adam = new Adam<double>([w], new AdamOptions(0.01));
        (w * Tensor.FromArray([3.0, -0.001, 40.0], 3)).Sum().Backward();

        adam.Step();

        Assert.Equal(1.0 - 0.01 * 3 / (3 + 1e-8), w[0], 1e-15);
        Assert.Equal(-2.0 + 0.01 * 0.001 / (0.001 + 1e-8), w[1], 1e-15);
        Assert.Equal(0.5 - 0.01 * 40 / (40 + 1e-8), w[2], 1e-15);
    }

    [Fact]
    public void AmsGrad_divides_by_the_largest_second_moment_seen()
    {
        // g = 10 then 0.1. Plain Adam's v shrinks only a little; AMSGrad keeps the larger one, so its second
        // step is smaller (worked out from the update rule with β = (0.9, 0.999)).
        var plain = TwoSteps(amsGrad: false);
        var ams = TwoSteps(amsGrad: true);

        Assert.True(Math.Abs(1 - ams) < Math.Abs(1 - plain) + 1e-12);
        var m2 = 0.9 * 0.1 * 10 + 0.1 * 0.1;
        var v1 = 0.001 * 100;
        var v2 = 0.999 * v1 + 0.001 * 0.01;
        var step1 = 0.1 * (0.1 * 10 / 0.1) / (Math.Sqrt(v1) / Math.Sqrt(0.001) + 1e-8);
        var step2 = 0.1 / (1 - 0.81) * m2 / (Math.Sqrt(Math.Max(v1, v2)) / Math.Sqrt(1 - 0.998001) + 1e-8);
        Assert.Equal(1 - step1 - step2, ams, 1e-14);
    }

    private static double TwoSteps(bool amsGrad)
    {
        var w = new Parameter<double>(new Shape(1), [1.0]);
        var adam = new Adam<double>([w], new AdamOptions(0.1, AmsGrad: amsGrad));
        foreach (var g in new[] { 10.0, 0.1 })
        {
            adam.ZeroGrad();
            (w * g).Sum().Backward();
            adam.Step();
        }

        return w.Item();
    }

    [Fact]
    public void A_parameter_without_a_gradient_is_left_alone_and_keeps_its_own_step_count()
    {
        var used = new Parameter<double>(new Shape(1), [1.0]);
        var unused = new Parameter<double>(new Shape(1), [5.0]);
        var adam = new Adam<double>([used, unused], new AdamOptions(0.1));
        (used * 2.0).Sum().Backward();

        adam.Step();
        adam.Step();

        Assert.Equal(5.0, unused.Item());
        var state = adam.ExportState();
        Assert.Equal(2, state.Scalars["0.step"]);
        Assert.False(state.Scalars.ContainsKey("1.step"));
        Assert.False(state.Tensors.ContainsKey("1.first_moment"));
    }

    [Fact]
    public void Step_leaves_the_gradient_as_backward_computed_it()
    {
        var w = new Parameter<double>(new Shape(2), [1.0, 2.0]);
        var adam = new Adam<double>([w], new AdamOptions(0.1, L2WeightDecay: 0.5, AmsGrad: true));
        var adamW = new AdamW<double>([w], new AdamWOptions(0.1, DecoupledWeightDecay: 0.5));
        (w * w).Sum().Backward();

        adam.Step();
        adamW.Step();

        Assert.Equal(new[] { 2.0, 4.0 }, w.Grad!.ToArray());
    }

    [Fact]
    public void Float32_parameters_follow_the_same_rule()
    {
        var w = new Parameter<float>(new Shape(1), [1f]);
        var adam = new Adam<float>([w], new AdamOptions(0.1f, L2WeightDecay: 0.1));
        (w * 0f).Sum().Backward();

        adam.Step();

        Assert.Equal(0.9f, w.Item(), 1e-6f);
    }

    [Theory]
    [InlineData(0.0, 0.9, 0.999, 1e-8, 0.0, "learning rate")]
    [InlineData(double.NaN, 0.9, 0.999, 1e-8, 0.0, "learning rate")]
    [InlineData(0.1, 1.0, 0.999, 1e-8, 0.0, "Beta1")]
    [InlineData(0.1, -0.1, 0.999, 1e-8, 0.0, "Beta1")]
    [InlineData(0.1, 0.9, 1.0, 1e-8, 0.0, "Beta2")]
    [InlineData(0.1, 0.9, 0.999, 0.0, 0.0, "Epsilon")]
    [InlineData(0.1, 0.9, 0.999, double.PositiveInfinity, 0.0, "Epsilon")]
    [InlineData(0.1, 0.9, 0.999, 1e-8, -0.1, "WeightDecay")]
    public void Bad_options_are_refused_with_the_option_named(double lr, double beta1, double beta2, double eps,
        double decay, string named)
    {
        var w = new Parameter<double>(new Shape(1), [1.0]);

        var adam = Assert.ThrowsAny<ArgumentException>(() =>
            new Adam<double>([w], new AdamOptions(lr, beta1, beta2, eps, decay)));
        var adamW = Assert.ThrowsAny<ArgumentException>(() =>
            new AdamW<double>([w], new AdamWOptions(lr, beta1, beta2, eps, decay)));

        Assert.Contains(named, adam.Message, StringComparison.Ordinal);
        Assert.Contains(named, adamW.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdamW_refuses_a_decay_that_would_flip_the_weights()
    {
        var w = new Parameter<double>(new Shape(1), [1.0]);
        var adamW = new AdamW<double>([w], new AdamWOptions(0.1, DecoupledWeightDecay: 5));

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => adamW.LearningRate = 0.5);

        Assert.Contains("DecoupledWeightDecay", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new AdamW<double>([w], new AdamWOptions(1, DecoupledWeightDecay: 2)));
    }

    [Fact]
    public void Step_with_a_closure_evaluates_it_once_and_returns_its_loss()
    {
        var w = new Parameter<double>(new Shape(1), [3.0]);
        var adam = new Adam<double>([w], new AdamOptions(0.1));
        var calls = 0;

        var loss = adam.Step(() =>
        {
            calls++;
            adam.ZeroGrad();
            var l = (w * w).Sum();
            l.Backward();
            return l.Item();
        });

        Assert.Equal(9.0, loss);
        Assert.Equal(1, calls);
        Assert.Equal(2.9, w.Item(), 1e-9);
        Assert.False(adam.NeedsClosure);
    }
}
