using Astrograd.NN;
using Astrograd.Optim;
using Astrograd.Training;

namespace Astrograd.Tests.Training;

public class TrainerTests
{
    private static TrainingSet<float> LinearlySeparable(int rows, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[rows * 2];
        var y = new float[rows];
        var labels = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            x[2 * i] = (float)rng.NextNormal();
            x[(2 * i) + 1] = (float)rng.NextNormal();
            labels[i] = x[2 * i] + (0.5f * x[(2 * i) + 1]) > 0 ? 1 : 0;
            y[i] = labels[i];
        }

        return new TrainingSet<float>(x, 2, y, 1, labels);
    }

    [Fact]
    public void Logistic_regression_learns_a_linear_boundary()
    {
        var train = LinearlySeparable(400, 1);
        var val = LinearlySeparable(200, 2);
        var model = new Sequential<float>(new Linear<float>(2, 1, new Rng(5)));
        var sgd = new Sgd<float>(model.Parameters(), new SgdOptions(0.5));

        var result = Trainer.Fit(model, sgd, new Objective(TaskKind.Binary), train, val,
            new TrainerOptions(Epochs: 30, BatchSize: 32, Patience: 0, Seed: 3));

        Assert.True(result.History[^1].Metric > 0.95, $"accuracy {result.History[^1].Metric}");
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss);
    }

    [Fact]
    public void Same_seed_gives_bitwise_identical_weights()
    {
        float[] Run()
        {
            var model = new Sequential<float>(new Linear<float>(2, 3, new Rng(5)), new Linear<float>(3, 1, new Rng(6)));
            var sgd = new Sgd<float>(model.Parameters(), new SgdOptions(0.1, Momentum: 0.9));
            Trainer.Fit(model, sgd, new Objective(TaskKind.Binary), LinearlySeparable(100, 1), null,
                new TrainerOptions(Epochs: 3, BatchSize: 7, Seed: 9));
            return [.. model.Parameters().SelectMany(p => p.ToArray())];
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Early_stopping_restores_the_best_epoch()
    {
        var model = new Sequential<float>(new Linear<float>(2, 1, new Rng(5)));
        var sgd = new Sgd<float>(model.Parameters(), new SgdOptions(5));

        var result = Trainer.Fit(model, sgd, new Objective(TaskKind.Binary), LinearlySeparable(50, 1),
            LinearlySeparable(50, 2), new TrainerOptions(Epochs: 200, BatchSize: 5, Patience: 3, Seed: 1));
        var (valLoss, _) = Evaluation.MainMetric(model, new Objective(TaskKind.Binary), LinearlySeparable(50, 2));

        var best = result.History.Single(h => h.Epoch == result.BestEpoch);
        Assert.Equal(best.ValidationLoss!.Value, valLoss, 5);
        Assert.True(result.History.Min(h => h.ValidationLoss!.Value) >= valLoss - 1e-6);
    }

    [Fact]
    public void A_loss_that_is_no_longer_finite_stops_training_at_that_step_and_keeps_the_good_weights()
    {
        var x = Enumerable.Range(0, 40).Select(i => (float)(i % 7) - 3).ToArray();
        var y = x.Select(v => v * 1e19f).ToArray();
        var set = new TrainingSet<float>(x, 1, y, 1, null);
        var model = new Sequential<float>(new Linear<float>(1, 1, new Rng(5)));
        var sgd = new Sgd<float>(model.Parameters(), new SgdOptions(0.5));

        var result = Trainer.Fit(model, sgd, new Objective(TaskKind.Regression), set, null,
            new TrainerOptions(Epochs: 50, BatchSize: 4, Seed: 1));

        Assert.NotNull(result.Divergence);
        Assert.Equal(0.5, result.Divergence.LearningRate);
        Assert.Matches("(weight|bias)$", result.Divergence.Weight);
        // The targets overflow the squared error while the weights are still small: the message says so.
        Assert.True(double.IsFinite(result.Divergence.WeightMagnitude), $"|w| {result.Divergence.WeightMagnitude}");
        Assert.True(result.History.Count < 50);
        Assert.All(model.Parameters().SelectMany(p => p.ToArray()), w => Assert.True(float.IsFinite(w)));
    }

    [Theory]
    [InlineData(TaskKind.Binary)]
    [InlineData(TaskKind.Multiclass)]
    [InlineData(TaskKind.Regression)]
    public void Captured_steps_give_the_same_bits_as_eager_steps(TaskKind task)
    {
        (float[] Weights, double[] Losses, bool Captured) Run(bool capture)
        {
            var set = LinearlySeparable(103, 1);
            var outputs = task == TaskKind.Multiclass ? 2 : 1;
            var model = new Mlp<float>(new MlpSpec(2, [5], outputs, Activation.Tanh, Dropout: 0.2), new Rng(4));
            var sgd = new Sgd<float>(model.Parameters(), new SgdOptions(0.1, Momentum: 0.9));
            var result = Trainer.Fit(model, sgd, new Objective(task), set, null,
                new TrainerOptions(Epochs: 3, BatchSize: 10, Seed: 9) { CaptureSteps = capture });
            return ([.. model.Parameters().SelectMany(p => p.ToArray())], [.. result.History.Select(h => h.TrainLoss)],
                result.CapturedSteps);
        }

        var eager = Run(capture: false);
        var captured = Run(capture: true);

        Assert.False(eager.Captured);
        Assert.True(captured.Captured);
        Assert.Equal(eager.Weights, captured.Weights);
        Assert.Equal(eager.Losses, captured.Losses);
    }

    [Fact]
    public void A_gradient_that_overflows_while_the_loss_is_finite_stops_training_naming_the_parameter()
    {
        // Two rows of x = 3e38 and a weight of 0.5: the summed L1 loss is 3e38 (finite), ∂L/∂w = 6e38 overflows.
        var set = new TrainingSet<float>([3e38f, 3e38f], 1, [1f, 1f], 1, null);
        var layer = new Linear<float>(1, 1, new Rng(1));
        layer.Weight.Span[0] = 0.5f;
        layer.Bias!.Span[0] = 0;
        var model = new Sequential<float>(layer);
        var sgd = new Sgd<float>(model.Parameters(), new SgdOptions(0.1));

        var objective = new Objective(TaskKind.Regression, LossKind.L1, Astrograd.Losses.Reduction.Sum);
        var result = Trainer.Fit(model, sgd, objective, set, null,
            new TrainerOptions(Epochs: 3, BatchSize: 2, Patience: 0, Seed: 1));

        Assert.NotNull(result.Divergence);
        Assert.Equal(1, result.Divergence.Epoch);
        Assert.Equal(1, result.Divergence.Step);
        Assert.True(double.IsFinite(result.Divergence.Loss));
        Assert.Contains("weight", result.Divergence.Parameter, StringComparison.Ordinal);
        Assert.Equal(0.5f, layer.Weight.Span[0]);
    }

    [Fact]
    public void An_lbfgs_gradient_that_overflows_while_the_loss_is_finite_stops_training_naming_the_parameter()
    {
        // As above: the loss 3e38 is finite, ∂L/∂w = 6e38 is not. The closure checks it at the first evaluation,
        // before the line search steps along it.
        var set = new TrainingSet<float>([3e38f, 3e38f], 1, [1f, 1f], 1, null);
        var layer = new Linear<float>(1, 1, new Rng(1));
        layer.Weight.Span[0] = 0.5f;
        layer.Bias!.Span[0] = 0;
        var model = new Sequential<float>(layer);
        var lbfgs = new Lbfgs<float>(model.Parameters(), new LbfgsOptions(1));

        var objective = new Objective(TaskKind.Regression, LossKind.L1, Astrograd.Losses.Reduction.Sum);
        var result = Trainer.Fit(model, lbfgs, objective, set, null,
            new TrainerOptions(Epochs: 3, BatchSize: 2, Patience: 0, Seed: 1));

        Assert.NotNull(result.Divergence);
        Assert.Equal((1, 1), (result.Divergence.Epoch, result.Divergence.Step));
        Assert.Equal(3e38, result.Divergence.Loss, 1e32);
        Assert.Contains("weight", result.Divergence.Parameter, StringComparison.Ordinal);
        Assert.Equal(0.5f, layer.Weight.Span[0]);
    }

    [Fact]
    public void Lbfgs_refuses_a_model_with_dropout_whose_masks_would_change_between_line_search_evaluations()
    {
        var model = new Mlp<float>(new MlpSpec(2, [5], 1, Activation.Tanh, Dropout: 0.2), new Rng(4));
        var lbfgs = new Lbfgs<float>(model.Parameters(), new LbfgsOptions(1));

        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, lbfgs, new Objective(TaskKind.Binary),
            LinearlySeparable(20, 1), null, new TrainerOptions(Epochs: 1, BatchSize: 20, Seed: 1)));

        Assert.Contains("Lbfgs re-evaluates the loss", e.Message, StringComparison.Ordinal);
        Assert.Contains("dropout", e.Message, StringComparison.Ordinal);
    }
}
