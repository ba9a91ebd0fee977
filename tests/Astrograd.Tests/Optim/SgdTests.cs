using Astrograd.NN;
using Astrograd.Optim;

namespace Astrograd.Tests.Optim;

public class SgdTests
{
    // L(w) = ½ w², so ∇L = w: every trajectory below is worked out by hand from the update rules.
    private static double[] Trajectory(SgdOptions options, int steps)
    {
        var w = new Parameter<double>(new Shape(1), [1.0]);
        var sgd = new Sgd<double>([w], options);
        var result = new List<double>();
        for (var i = 0; i < steps; i++)
        {
            sgd.ZeroGrad();
            (w * w * 0.5).Backward();
            sgd.Step();
            result.Add(w.Item());
        }

        return [.. result];
    }

    [Fact]
    public void Plain_gradient_descent_follows_w_minus_lambda_grad()
    {
        Assert.Equal(new[] { 0.9, 0.81, 0.729 }, Trajectory(new SgdOptions(0.1), 3), new Tolerance(1e-15));
    }

    [Fact]
    public void Momentum_accumulates_a_velocity()
    {
        // v1 = 1, w1 = 0.9; v2 = 0.9·1 + 0.9 = 1.8, w2 = 0.72; v3 = 0.9·1.8 + 0.72 = 2.34, w3 = 0.486.
        Assert.Equal(new[] { 0.9, 0.72, 0.486 }, Trajectory(new SgdOptions(0.1, Momentum: 0.9), 3),
            new Tolerance(1e-12));
    }

    [Fact]
    public void Nesterov_looks_ahead()
    {
        // g1 = 1, v1 = 1, step 1 + 0.9 = 1.9 → w1 = 0.81; g2 = 0.81, v2 = 1.71, step 0.81 + 1.539 = 2.349 → 0.5751.
        Assert.Equal(new[] { 0.81, 0.5751 }, Trajectory(new SgdOptions(0.1, Momentum: 0.9, Nesterov: true), 2),
            new Tolerance(1e-12));
    }

    [Fact]
    public void Weight_decay_adds_decay_times_w_to_the_gradient()
    {
        // g = w + 0.5·w = 1.5 → w1 = 1 − 0.15 = 0.85.
        Assert.Equal(new[] { 0.85 }, Trajectory(new SgdOptions(0.1, WeightDecay: 0.5), 1), new Tolerance(1e-15));
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(-1.0, 0.0, 0.0)]
    [InlineData(double.NaN, 0.0, 0.0)]
    [InlineData(0.1, 1.0, 0.0)]
    [InlineData(0.1, -0.1, 0.0)]
    [InlineData(0.1, 0.0, -1.0)]
    public void Bad_options_are_refused_in_the_constructor(double lr, double momentum, double decay)
    {
        var w = new Parameter<double>(new Shape(1), [1.0]);

        Assert.ThrowsAny<ArgumentException>(() => new Sgd<double>([w], new SgdOptions(lr, momentum, decay)));
    }

    [Fact]
    public void Nesterov_without_momentum_is_refused_in_the_constructor()
    {
        var w = new Parameter<double>(new Shape(1), [1.0]);

        var error = Assert.Throws<ArgumentException>(() => new Sgd<double>([w], new SgdOptions(0.1, Nesterov: true)));

        Assert.StartsWith("Sgd: Nesterov momentum needs a momentum > 0.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_leaves_the_gradient_as_backward_computed_it()
    {
        var w = new Parameter<double>(new Shape(1), [1.0]);
        var sgd = new Sgd<double>([w], new SgdOptions(0.1, Momentum: 0.9, WeightDecay: 0.5, Nesterov: true));
        (w * w * 0.5).Backward();

        sgd.Step();

        Assert.Equal(1.0, w.Grad!.Item());
    }

    private sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= eps;

        public int GetHashCode(double obj) => 0;
    }
}
