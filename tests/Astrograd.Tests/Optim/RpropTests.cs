using Astrograd.NN;
using Astrograd.Optim;

namespace Astrograd.Tests.Optim;

public class RpropTests
{
    // L(w) = ½ w², so g = w: the sign of w alone decides each move.
    private static double[] Trajectory(double w0, RpropOptions options, int steps)
    {
        var w = new Parameter<double>(new Shape(1), [w0]);
        var rprop = new Rprop<double>([w], options);
        var result = new List<double>();
        for (var i = 0; i < steps; i++)
        {
            rprop.ZeroGrad();
            (w * w * 0.5).Sum().Backward();
            rprop.Step();
            result.Add(w.Item());
        }

        return [.. result];
    }

    [Fact]
    public void The_step_grows_while_the_gradient_keeps_its_sign()
    {
        // Δ = 0.1, then 0.12, then 0.144 (η⁺ = 1.2).
        var w = Trajectory(1.0, new RpropOptions(0.1), 3);

        Assert.Equal(new[] { 0.9, 0.78, 0.636 }, w, new Tolerance(1e-15));
    }

    [Fact]
    public void A_sign_change_shrinks_the_step_and_skips_one_move()
    {
        // w = 0.1, Δ₀ = 0.3: overshoot to −0.2; the sign flips, so Δ = 0.15 and w stays; the next step starts
        // afresh (g′ = 0) and moves by 0.15 to −0.05; the sign then holds, so Δ = 0.18 and w = 0.13.
        var w = Trajectory(0.1, new RpropOptions(0.3), 4);

        Assert.Equal(new[] { -0.2, -0.2, -0.05, 0.13 }, w, new Tolerance(1e-15));
    }

    [Fact]
    public void Step_sizes_stay_within_their_bounds()
    {
        var w = Trajectory(1000.0, new RpropOptions(1.0, EtaPlus: 2, MaxStep: 3), 4);

        // Δ = 1, 2, 3 (capped), 3.
        Assert.Equal(new[] { 999.0, 997.0, 994.0, 991.0 }, w, new Tolerance(1e-12));
    }

    [Fact]
    public void Step_leaves_the_gradient_as_backward_computed_it()
    {
        var w = new Parameter<double>(new Shape(2), [1.0, -2.0]);
        var rprop = new Rprop<double>([w], new RpropOptions(0.5));
        (w * w).Sum().Backward();
        rprop.Step();
        rprop.ZeroGrad();
        (w * w).Sum().Backward();

        rprop.Step();

        Assert.Equal(new[] { 1.0, -3.0 }, w.Grad!.ToArray());
    }

    [Fact]
    public void The_learning_rate_is_the_initial_step_and_must_lie_within_the_bounds()
    {
        var w = new Parameter<double>(new Shape(1), [1.0]);
        var rprop = new Rprop<double>([w], new RpropOptions(0.01, MinStep: 1e-3, MaxStep: 1));

        Assert.Throws<ArgumentOutOfRangeException>(() => rprop.LearningRate = 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => rprop.LearningRate = 0);
        rprop.LearningRate = 0.5;
        Assert.Equal(0.5, rprop.LearningRate);
    }

    [Theory]
    [InlineData(0.01, 0.0, 1.2, 1e-6, 50.0, "EtaMinus")]
    [InlineData(0.01, 1.0, 1.2, 1e-6, 50.0, "EtaMinus")]
    [InlineData(0.01, 0.5, 1.0, 1e-6, 50.0, "EtaPlus")]
    [InlineData(0.01, 0.5, 1.2, 0.0, 50.0, "MinStep")]
    [InlineData(0.01, 0.5, 1.2, 1e-6, 1e-7, "MaxStep")]
    [InlineData(100.0, 0.5, 1.2, 1e-6, 50.0, "initial step")]
    [InlineData(0.0, 0.5, 1.2, 1e-6, 50.0, "learning rate")]
    public void Bad_options_are_refused_with_the_option_named(double lr, double etaMinus, double etaPlus,
        double minStep, double maxStep, string named)
    {
        var w = new Parameter<double>(new Shape(1), [1.0]);

        var e = Assert.ThrowsAny<ArgumentException>(() =>
            new Rprop<double>([w], new RpropOptions(lr, etaMinus, etaPlus, minStep, maxStep)));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    private sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= eps;

        public int GetHashCode(double obj) => 0;
    }
}
