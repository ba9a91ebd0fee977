using Astrograd.NN;
using Astrograd.Optim;

namespace Astrograd.Tests.Optim;

public class RmsPropTests
{
    private static double[] Trajectory(RmsPropOptions options, params double[] gradients)
    {
        var w = new Parameter<double>(new Shape(1), [1.0]);
        var rms = new RmsProp<double>([w], options);
        var result = new List<double>();
        foreach (var g in gradients)
        {
            rms.ZeroGrad();
            (w * g).Sum().Backward();
            rms.Step();
            result.Add(w.Item());
        }

        return [.. result];
    }

    [Fact]
    public void Plain_step_divides_by_the_root_mean_square()
    {
        // s1 = 0.1·4 = 0.4 → w1 = 1 − 0.01·2 / (√0.4 + 1e-8); s2 = 0.9·0.4 + 0.1·1 = 0.46 → w2 = w1 − 0.01 / √0.46.
        var w = Trajectory(new RmsPropOptions(0.01, Alpha: 0.9), 2, 1);

        var w1 = 1 - 0.01 * 2 / (Math.Sqrt(0.4) + 1e-8);
        Assert.Equal(w1, w[0], 1e-15);
        Assert.Equal(w1 - 0.01 * 1 / (Math.Sqrt(0.46) + 1e-8), w[1], 1e-15);
    }

    [Fact]
    public void Centered_divides_by_the_standard_deviation_estimate()
    {
        // s1 = 0.1·4, a1 = 0.1·2: s − a² = 0.4 − 0.04 = 0.36 → w1 = 1 − 0.01·2 / 0.6.
        var w = Trajectory(new RmsPropOptions(0.01, Alpha: 0.9, Epsilon: 1e-12, Centered: true), 2);

        Assert.Equal(1 - 0.01 * 2 / 0.6, w[0], 1e-12);
    }

    [Fact]
    public void Momentum_accumulates_the_scaled_gradients()
    {
        // b1 = 2/√0.4; b2 = 0.5·b1 + 2/√(0.9·0.4 + 0.4) (the same gradient twice).
        var w = Trajectory(new RmsPropOptions(0.01, Alpha: 0.9, Epsilon: 1e-12, Momentum: 0.5), 2, 2);

        var b1 = 2 / Math.Sqrt(0.4);
        var b2 = 0.5 * b1 + 2 / Math.Sqrt(0.76);
        Assert.Equal(1 - 0.01 * (b1 + b2), w[1], 1e-12);
    }

    [Fact]
    public void L2_weight_decay_is_added_to_the_gradient()
    {
        // ĝ = 0 + 0.5·1 = 0.5: the step is 0.01·0.5 / √(0.1·0.25).
        var w = Trajectory(new RmsPropOptions(0.01, Alpha: 0.9, Epsilon: 1e-12, L2WeightDecay: 0.5), 0);

        Assert.Equal(1 - 0.01 * 0.5 / Math.Sqrt(0.025), w[0], 1e-12);
    }

    [Fact]
    public void Step_leaves_the_gradient_as_backward_computed_it()
    {
        var w = new Parameter<double>(new Shape(2), [1.0, 2.0]);
        var rms = new RmsProp<double>([w], new RmsPropOptions(Momentum: 0.9, Centered: true, L2WeightDecay: 0.1));
        (w * w).Sum().Backward();

        rms.Step();

        Assert.Equal(new[] { 2.0, 4.0 }, w.Grad!.ToArray());
    }

    [Theory]
    [InlineData(-0.01, 0.99, 1e-8, 0.0, 0.0, "learning rate")]
    [InlineData(0.01, 1.0, 1e-8, 0.0, 0.0, "Alpha")]
    [InlineData(0.01, -0.5, 1e-8, 0.0, 0.0, "Alpha")]
    [InlineData(0.01, 0.99, 0.0, 0.0, 0.0, "Epsilon")]
    [InlineData(0.01, 0.99, 1e-8, 1.0, 0.0, "Momentum")]
    [InlineData(0.01, 0.99, 1e-8, 0.0, double.NaN, "L2WeightDecay")]
    public void Bad_options_are_refused_with_the_option_named(double lr, double alpha, double eps, double momentum,
        double decay, string named)
    {
        var w = new Parameter<double>(new Shape(1), [1.0]);

        var e = Assert.ThrowsAny<ArgumentException>(() =>
            new RmsProp<double>([w], new RmsPropOptions(lr, alpha, eps, momentum, L2WeightDecay: decay)));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }
}
