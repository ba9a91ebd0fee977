using Astrograd.Losses;
using Astrograd.NN;
using Astrograd.Optim;

namespace Astrograd.Tests.Losses;

public class ErrorAwareLossTests
{
    private static readonly Reduction[] _reductions = [Reduction.Mean, Reduction.Sum];

    private static Tensor<double> Values(Rng rng, int rows, int cols, double lo, double hi) =>
        Tensor.RandomUniform<double>(rng, [rows, cols], lo, hi);

    [Fact]
    public void Chi2_is_the_squared_residual_over_the_variance()
    {
        var p = Tensor.FromArray(new double[] { 1, 3 }, 2);
        var t = Tensor.FromArray(new double[] { 0, 1 }, 2);
        var v = Tensor.FromArray(new double[] { 0.25, 4 }, 2);

        var loss = ChiSquare.Compute(p, t, v, Reduction.Sum);

        Assert.Equal((1 / 0.25) + (4 / 4.0), loss.Item(), 12);
    }

    [Fact]
    public void Chi2_equals_l2_with_per_row_weights_one_over_sigma_squared_in_the_sum()
    {
        var rng = new Rng(5);
        var p = Values(rng, 6, 1, -2, 2);
        var t = Values(rng, 6, 1, -2, 2);
        var v = Values(rng, 6, 1, 0.1, 3);
        var w = Tensor.FromArray(v.ToArray().Select(x => 1 / x).ToArray(), 6);

        Assert.Equal(Loss.L2(p, t, Reduction.Sum, w).Item(), ChiSquare.Compute(p, t, v, Reduction.Sum).Item(), 12);
    }

    [Fact]
    public void Chi2_passes_the_gradient_check_with_and_without_a_mask()
    {
        var rng = new Rng(7);
        var t = Values(rng, 5, 2, -1, 1);
        var v = Values(rng, 5, 2, 0.2, 2);
        var p = Values(rng, 5, 2, -2, 2);
        var mask = Tensor.FromArray(new double[] { 1, 0, 1, 1, 0, 1, 1, 1, 0, 1 }, 5, 2);

        foreach (var r in _reductions)
        {
            Assert.True(GradCheck.Check(x => ChiSquare.Compute(x[0], t, v, r), [p]).Passed);
            Assert.True(GradCheck.Check(x => ChiSquare.Compute(x[0], t, v, r, mask), [p]).Passed);
        }
    }

    [Fact]
    public void Gaussian_nll_passes_the_gradient_check_for_both_heads_with_and_without_a_known_variance()
    {
        var rng = new Rng(11);
        var t = Values(rng, 4, 2, -1, 1);
        var known = Values(rng, 4, 2, 0.01, 0.5);
        var output = Values(rng, 4, 4, -2, 2);

        foreach (var r in _reductions)
        {
            Assert.True(GradCheck.Check(x => GaussianNll.Compute(x[0], t, null, r), [output]).Passed);
            Assert.True(GradCheck.Check(x => GaussianNll.Compute(x[0], t, known, r), [output]).Passed);
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(30.0)]
    public void Student_t_nll_passes_the_gradient_check(double nu)
    {
        var rng = new Rng(13);
        var t = Values(rng, 4, 1, -1, 1);
        var known = Values(rng, 4, 1, 0.01, 0.5);
        var output = Values(rng, 4, 2, -2, 2);

        foreach (var r in _reductions)
        {
            Assert.True(GradCheck.Check(x => StudentTNll.Compute(x[0], t, nu, null, r), [output]).Passed);
            Assert.True(GradCheck.Check(x => StudentTNll.Compute(x[0], t, nu, known, r), [output]).Passed);
        }
    }

    [Fact]
    public void Gaussian_nll_is_half_log_variance_plus_half_squared_residual_over_variance()
    {
        // μ = 1, s = log 4 against t = 3: v = 4 + ε, l = ½(log 4 + 4/4).
        var output = Tensor.FromArray(new double[] { 1, Math.Log(4) }, 1, 2);
        var t = Tensor.FromArray(new double[] { 3 }, 1, 1);

        var loss = GaussianNll.Compute(output, t);

        Assert.Equal(0.5 * (Math.Log(4) + 1), loss.Item(), 6);
    }

    [Fact]
    public void Student_t_tends_to_the_gaussian_for_large_nu()
    {
        var rng = new Rng(17);
        var output = Values(rng, 6, 2, -1, 1);
        var t = Values(rng, 6, 1, -1, 1);

        Assert.Equal(GaussianNll.Compute(output, t).Item(), StudentTNll.Compute(output, t, 1e8).Item(), 5);
    }

    [Theory]
    [InlineData(1000.0)]
    [InlineData(-1000.0)]
    public void Extreme_log_variances_give_finite_losses_and_gradients_in_float32(double s)
    {
        var output = Tensor.FromArray(new float[] { 0.5f, (float)s }, 1, 2);
        output.RequiresGrad = true;
        var t = Tensor.FromArray(new float[] { 100f }, 1, 1);

        var gaussian = GaussianNll.Compute(output, t);
        gaussian.Backward();
        var grad = output.Grad!.ToArray();

        Assert.True(float.IsFinite(gaussian.Item()));
        Assert.All(grad, g => Assert.True(float.IsFinite(g)));
        Assert.Equal(0f, grad[1]);
        Assert.True(float.IsFinite(StudentTNll.Compute(output, t, 3).Item()));
    }

    [Fact]
    public void A_fully_masked_batch_contributes_zero_not_nan()
    {
        var output = Tensor.FromArray(new double[] { 1, 0 }, 1, 2);
        output.RequiresGrad = true;
        var t = Tensor.FromArray(new double[] { double.NaN }, 1, 1);
        var mask = Tensor.FromArray(new double[] { 0 }, 1, 1);

        var loss = GaussianNll.Compute(output, t, mask: mask);
        loss.Backward();

        Assert.Equal(0, loss.Item());
        Assert.Equal([0.0, 0.0], output.Grad!.ToArray());
    }

    [Fact]
    public void Heads_of_the_wrong_width_name_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            GaussianNll.Compute(Tensor.Zeros<double>(3, 1), Tensor.Zeros<double>(3, 1)));

        Assert.Contains("[3, 1]", error.Message);
        Assert.Contains("[n, 2k]", error.Message);
    }

    [Fact]
    public void Student_t_refuses_a_nu_that_is_not_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            StudentTNll.Compute(Tensor.Zeros<double>(1, 2), Tensor.Zeros<double>(1, 1), 0));
    }

    public static TheoryData<string> CapturedLosses => ["chi2", "gaussian-nll", "student-t"];

    [Theory]
    [MemberData(nameof(CapturedLosses))]
    public void The_losses_replay_in_a_captured_graph_bit_for_bit(string name)
    {
        float[] Train(bool capture)
        {
            var outputs = name == "chi2" ? 1 : 2;
            var model = new Mlp<float>(new MlpSpec(3, [5], outputs), new Rng(3));
            var sgd = new Sgd<float>(model.Parameters(), new SgdOptions(0.05));
            var x = Tensor.Zeros<float>(8, 3);
            var y = Tensor.Zeros<float>(8, 1);
            var v = Tensor.Zeros<float>(8, 1);
            Tensor<float> Build() => name switch
            {
                "chi2" => ChiSquare.Compute(model.Forward(x), y, v),
                "gaussian-nll" => GaussianNll.Compute(model.Forward(x), y, v),
                _ => StudentTNll.Compute(model.Forward(x), y, 3, v),
            };

            Fill(x, y, v, 0);
            var graph = capture ? CapturedGraph<float>.Capture(Build) : null;
            for (var k = 0; k < 5; k++)
            {
                Fill(x, y, v, k);
                sgd.ZeroGrad();
                if (graph is null)
                {
                    Build().Backward();
                }
                else
                {
                    graph.Forward();
                    graph.Backward();
                }

                sgd.Step();
            }

            return [.. model.Parameters().SelectMany(p => p.ToArray())];
        }

        Assert.Equal(Train(capture: false), Train(capture: true));
    }

    private static void Fill(Tensor<float> x, Tensor<float> y, Tensor<float> v, int k)
    {
        var rng = new Rng(50 + (ulong)k);
        var xs = x.Span;
        for (var i = 0; i < xs.Length; i++)
        {
            xs[i] = (float)rng.NextNormal();
        }

        for (var i = 0; i < y.Size; i++)
        {
            y.Span[i] = xs[i * 3] - xs[(i * 3) + 1];
            v.Span[i] = 0.1f + (0.1f * i);
        }
    }
}
