using Astrograd.Losses;
using Astrograd.NN;
using Astrograd.Optim;
using Astrograd.Training;

namespace Astrograd.Tests.Optim;

public class GradientClippingTests
{
    private static Parameter<float> WithGrad(float[] values, float[] grad)
    {
        var p = new Parameter<float>(new Shape(values.Length), values);
        (p * Tensor.FromArray(grad, grad.Length)).Sum().Backward();
        return p;
    }

    [Fact]
    public void A_total_norm_above_the_limit_scales_every_gradient_by_limit_over_norm_plus_epsilon()
    {
        // Gradients (3, 4) and (12): the total norm is √(9 + 16 + 144) = 13.
        var a = WithGrad([0, 0], [3, 4]);
        var b = WithGrad([0], [12]);

        var norm = GradientClipping.ClipTotalNorm([a, b], 6.5);

        var scale = 6.5 / (13 + 1e-6);
        Assert.Equal(13, norm, 12);
        Assert.Equal([(float)(3 * scale), (float)(4 * scale)], a.Grad!.ToArray());
        Assert.Equal([(float)(12 * scale)], b.Grad!.ToArray());
        Assert.Equal(6.5, GradientClipping.TotalNorm([a, b]), 5);
    }

    [Fact]
    public void A_total_norm_at_or_below_the_limit_leaves_the_gradients_alone()
    {
        var a = WithGrad([0, 0], [3, 4]);

        var norm = GradientClipping.ClipTotalNorm([a], 5);

        Assert.Equal(5, norm, 12);
        Assert.Equal([3f, 4f], a.Grad!.ToArray());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_limit_that_is_not_a_finite_positive_number_is_refused(double limit)
    {
        var a = WithGrad([0], [1]);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipTotalNorm([a], limit));
        Assert.Contains("maximum norm", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainerOptions { ClipGradNorm = limit }.Validate());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_trainer_clips_before_the_update_in_captured_and_eager_steps(bool capture)
    {
        // One row x = 2, y = 10, p = w·x + b with w = 0.5, b = 0; l = (p − y)² gives ∂l/∂w = 2(1 − 10)·2 = −36 and
        // ∂l/∂b = −18, norm √1620. Clipped to 1 and stepped by SGD with λ = 0.1: w += 0.1·36·s, b += 0.1·18·s,
        // s = 1 / (√1620 + 1e-6).
        var layer = new Linear<float>(1, 1, new Rng(1));
        layer.Weight.Span[0] = 0.5f;
        layer.Bias!.Span[0] = 0;
        var model = new Sequential<float>(layer);
        var sgd = new Sgd<float>(model.Parameters(), new SgdOptions(0.1));
        var set = new TrainingSet<float>([2f], 1, [10f], 1, null);

        var result = Trainer.Fit(model, sgd, new Objective(TaskKind.Regression, LossKind.L2), set, null,
            new TrainerOptions(Epochs: 1, BatchSize: 1, Patience: 0) { ClipGradNorm = 1, CaptureSteps = capture });

        var s = 1 / (Math.Sqrt(1620) + 1e-6);
        Assert.Equal(0.5 + (0.1 * 36 * s), layer.Weight.Span[0], 6);
        Assert.Equal(0.1 * 18 * s, layer.Bias.Span[0], 6);
        Assert.Equal(1, result.ClippedSteps);
        Assert.Equal(capture, result.CapturedSteps);
    }

    [Fact]
    public void A_replayed_training_step_with_clipping_allocates_nothing()
    {
        var model = new Mlp<float>(new MlpSpec(8, [16, 16], 1, Activation.Tanh), new Rng(1));
        var parameters = model.Parameters();
        var sgd = new Sgd<float>(parameters, new SgdOptions(0.05, Momentum: 0.9));
        var x = Tensor.RandomNormal<float>(new Rng(2), [32, 8]);
        var y = Tensor.Zeros<float>(32, 1);
        var graph = CapturedGraph<float>.Capture(() => Loss.L2(model.Forward(x), y));
        void Step()
        {
            sgd.ZeroGrad();
            graph.Forward();
            graph.Backward();
            GradientClipping.ClipTotalNorm(parameters, 1e-3);
            sgd.Step();
        }

        for (var i = 0; i < 3; i++)
        {
            Step();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            Step();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
