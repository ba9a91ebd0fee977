using Astrograd.NN;
using Astrograd.Optim;

namespace Astrograd.Tests.Optim;

public class LbfgsTests
{
    // A convex quadratic with very different curvatures: ½ Σ cᵢ (wᵢ − i)², c = 1, 10, 100, 1000.
    private static (Parameter<double> W, Func<double> Closure, Func<double> Loss) IllConditionedQuadratic(
        Optimizer<double>? optimizer = null)
    {
        var w = new Parameter<double>(new Shape(4), [0.0, 0.0, 0.0, 0.0]);
        var c = Tensor.FromArray([1.0, 10.0, 100.0, 1000.0], 4);
        var target = Tensor.FromArray([0.0, 1.0, 2.0, 3.0], 4);
        Tensor<double> Loss()
        {
            var r = w - target;
            return (c * r * r * 0.5).Sum();
        }

        return (w, () =>
        {
            w.ZeroGrad();
            var l = Loss();
            l.Backward();
            return l.Item();
        }, () => Loss().Item());
    }

    [Fact]
    public void Step_without_a_closure_is_refused()
    {
        var w = new Parameter<double>(new Shape(1), [1.0]);
        var lbfgs = new Lbfgs<double>([w], new LbfgsOptions());

        var e = Assert.Throws<InvalidOperationException>(lbfgs.Step);

        Assert.Contains("closure", e.Message, StringComparison.Ordinal);
        Assert.True(lbfgs.NeedsClosure);
    }

    [Fact]
    public void One_step_solves_an_ill_conditioned_quadratic()
    {
        var (w, closure, loss) = IllConditionedQuadratic();
        var lbfgs = new Lbfgs<double>([w], new LbfgsOptions(MaxIterations: 50, MaxEvaluations: 100,
            GradientTolerance: 1e-10, ChangeTolerance: 1e-16));

        var before = lbfgs.Step(closure);

        Assert.Equal(0.5 * (10 + 400 + 9000), before, 1e-9);
        Assert.True(loss() < 1e-16, $"loss {loss():R}");
        Assert.Equal(new[] { 0.0, 1.0, 2.0, 3.0 }, w.ToArray(), new Tolerance(1e-8));
    }

    [Fact]
    public void The_fixed_step_variant_also_descends()
    {
        var (w, closure, loss) = IllConditionedQuadratic();
        var lbfgs = new Lbfgs<double>([w], new LbfgsOptions(0.5, MaxIterations: 200, MaxEvaluations: 400,
            LineSearch: LbfgsLineSearch.None));
        var start = loss();

        lbfgs.Step(closure);

        Assert.True(loss() < 1e-6 * start, $"loss {loss():R} from {start:R}");
    }

    [Fact]
    public void A_step_stops_at_once_when_the_gradient_is_already_small()
    {
        var w = new Parameter<double>(new Shape(1), [2.0]);
        var lbfgs = new Lbfgs<double>([w], new LbfgsOptions(GradientTolerance: 1e-3));
        var calls = 0;

        lbfgs.Step(() =>
        {
            calls++;
            lbfgs.ZeroGrad();
            var l = ((w - 2.0) * (w - 2.0)).Sum();
            l.Backward();
            return l.Item();
        });

        Assert.Equal(1, calls);
        Assert.Equal(0, lbfgs.Iterations);
        Assert.Equal(2.0, w.Item());
    }

    [Fact]
    public void The_line_search_backs_off_from_a_trial_where_the_loss_is_not_a_number()
    {
        // f(w) = (w − 3)² on |w| < 5 and NaN beyond: the first trial, 0 + (10/6)·6 = 10, lands in the NaN region.
        var w = new Parameter<double>(new Shape(1), [0.0]);
        var lbfgs = new Lbfgs<double>([w], new LbfgsOptions(10, MaxIterations: 30, MaxEvaluations: 60));
        (w * 1.0).Sum().Backward(); // makes the gradient buffer the closure fills in by hand

        lbfgs.Step(() =>
        {
            var x = w.Item();
            w.Grad!.Span[0] = Math.Abs(x) < 5 ? 2 * (x - 3) : double.NaN;
            return Math.Abs(x) < 5 ? (x - 3) * (x - 3) : double.NaN;
        });

        Assert.Equal(3.0, w.Item(), 1e-6);
    }

    [Fact]
    public void A_loss_that_is_not_a_number_leaves_the_parameters_alone()
    {
        var w = new Parameter<double>(new Shape(2), [1.0, 2.0]);
        var lbfgs = new Lbfgs<double>([w], new LbfgsOptions());
        (w * 1.0).Sum().Backward();

        var loss = lbfgs.Step(() =>
        {
            w.Grad!.Span.Fill(double.NaN);
            return double.NaN;
        });

        Assert.True(double.IsNaN(loss));
        Assert.Equal(new[] { 1.0, 2.0 }, w.ToArray());
    }

    [Fact]
    public void The_history_holds_at_most_history_size_pairs()
    {
        var (w, closure, _) = IllConditionedQuadratic();
        var lbfgs = new Lbfgs<double>([w], new LbfgsOptions(MaxIterations: 1, HistorySize: 2,
            GradientTolerance: 0, ChangeTolerance: 0));

        for (var i = 0; i < 6; i++)
        {
            lbfgs.Step(closure);
        }

        Assert.Equal(2, lbfgs.HistoryCount);
        Assert.Equal(6, lbfgs.Iterations);
    }

    [Fact]
    public void Parameters_of_several_tensors_are_optimised_together()
    {
        var a = new Parameter<double>(new Shape(2), [0.0, 0.0]);
        var b = new Parameter<double>(new Shape(1), [0.0]);
        var lbfgs = new Lbfgs<double>([a, b], new LbfgsOptions());

        lbfgs.Step(() =>
        {
            lbfgs.ZeroGrad();
            var l = ((a - 1.0) * (a - 1.0)).Sum() + ((b + 2.0) * (b + 2.0) * 3.0).Sum() + (a * b).Sum();
            l.Backward();
            return l.Item();
        });

        // ∂/∂a: 2(a − 1) + b = 0, ∂/∂b: 6(b + 2) + a₁ + a₂ = 0 → a = 1 − b/2, 5b + 14 = 0: b = −2.8, a = 2.4.
        Assert.Equal(new[] { 2.4, 2.4 }, a.ToArray(), new Tolerance(1e-5));
        Assert.Equal(-2.8, b.Item(), 1e-5);
    }

    [Theory]
    [InlineData(0.0, 20, 100, 0.9, 1e-4, "learning rate")]
    [InlineData(1.0, 0, 100, 0.9, 1e-4, "MaxIterations")]
    [InlineData(1.0, 20, 0, 0.9, 1e-4, "HistorySize")]
    [InlineData(1.0, 20, 100, 1e-5, 1e-4, "Wolfe")]
    [InlineData(1.0, 20, 100, 1.0, 1e-4, "Wolfe")]
    [InlineData(1.0, 20, 100, 0.9, 0.0, "Wolfe")]
    public void Bad_options_are_refused_with_the_option_named(double lr, int maxIterations, int history,
        double curvature, double decrease, string named)
    {
        var w = new Parameter<double>(new Shape(1), [1.0]);

        var e = Assert.ThrowsAny<ArgumentException>(() => new Lbfgs<double>([w], new LbfgsOptions(lr, maxIterations,
            HistorySize: history, Curvature: curvature, SufficientDecrease: decrease)));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cubic_interpolation_finds_the_minimiser_of_a_cubic()
    {
        // φ(t) = (t − 1)³ − 3(t − 1) has its local minimum at t = 2; take values and slopes at 0 and 3.
        static (double F, double G) Phi(double t) => (Math.Pow(t - 1, 3) - 3 * (t - 1), 3 * (t - 1) * (t - 1) - 3);
        var (f0, g0) = Phi(0);
        var (f3, g3) = Phi(3);

        var forward = StrongWolfeLineSearch<double>.Cubic(0, f0, g0, 3, f3, g3, 0, 3);
        var backward = StrongWolfeLineSearch<double>.Cubic(3, f3, g3, 0, f0, g0, 0, 3);

        Assert.Equal(2.0, forward, 1e-12);
        Assert.Equal(2.0, backward, 1e-12);
    }

    private sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= eps;

        public int GetHashCode(double obj) => 0;
    }
}
