using Astrograd.NN;
using Astrograd.Optim;
using Astrograd.Optim.Schedules;
using Astrograd.Training;

namespace Astrograd.Tests.Training;

public class LearningRatePlanTests
{
    private static TrainingSet<float> Separable(int rows, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[rows * 2];
        var y = new float[rows];
        var labels = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            x[2 * i] = (float)rng.NextNormal();
            x[(2 * i) + 1] = (float)rng.NextNormal();
            labels[i] = x[2 * i] - x[(2 * i) + 1] > 0 ? 1 : 0;
            y[i] = labels[i];
        }

        return new TrainingSet<float>(x, 2, y, 1, labels);
    }

    private static Sequential<float> Model() => new(new Linear<float>(2, 4, new Rng(5)),
        new ActivationLayer<float>(Activation.Tanh), new Linear<float>(4, 1, new Rng(6)));

    [Fact]
    public void A_per_epoch_schedule_is_stepped_once_after_every_epoch()
    {
        var model = Model();
        var sgd = new Sgd<float>(model.Parameters(), new SgdOptions(0.4));
        var plan = LearningRatePlan.PerEpoch(new StepDecay(sgd, new StepDecayOptions(StepSize: 2, Gamma: 0.5)));

        Trainer.Fit(model, sgd, new Objective(TaskKind.Binary), Separable(64, 1), null,
            new TrainerOptions(Epochs: 5, BatchSize: 16), plan: plan);

        Assert.Equal(0.4 * 0.5 * 0.5, sgd.LearningRate, 12);
    }

    [Fact]
    public void A_plateau_schedule_lowers_the_rate_when_the_loss_stops_falling()
    {
        var model = Model();
        var sgd = new Sgd<float>(model.Parameters(), new SgdOptions(1e-9));
        var plan = LearningRatePlan.OnPlateau(new ReduceOnPlateau(sgd,
            new ReduceOnPlateauOptions(Factor: 0.5, Patience: 0, Threshold: 0.1, Epsilon: 0)));

        Trainer.Fit(model, sgd, new Objective(TaskKind.Binary), Separable(64, 1), Separable(32, 2),
            new TrainerOptions(Epochs: 3, BatchSize: 16, Patience: 0), plan: plan);

        Assert.Equal(0.25, sgd.LearningRate / 1e-9, 12);
    }

    [Fact]
    public void The_range_test_grows_the_rate_geometrically_step_by_step()
    {
        var model = Model();
        var sgd = new Sgd<float>(model.Parameters(), new SgdOptions(0.1));
        var plan = new RangeTestPlan(sgd, 1e-4, 1, steps: 5);

        Trainer.Fit(model, sgd, new Objective(TaskKind.Binary), Separable(80, 1), null,
            new TrainerOptions(Epochs: 1, BatchSize: 16), plan: plan);

        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1, 1], plan.Points.Select(p => Math.Round(p.LearningRate, 12)));
        Assert.All(plan.Points, p => Assert.True(double.IsFinite(p.Loss)));
    }

    [Fact]
    public void Lbfgs_is_stepped_through_its_closure_and_lowers_the_full_batch_loss()
    {
        var model = Model();
        var lbfgs = new Lbfgs<float>(model.Parameters(), new LbfgsOptions());
        var train = Separable(64, 1);

        var result = Trainer.Fit(model, lbfgs, new Objective(TaskKind.Binary), train, null,
            new TrainerOptions(Epochs: 3, BatchSize: train.Rows));

        Assert.True(lbfgs.Evaluations > 3, $"{lbfgs.Evaluations} evaluations");
        Assert.True(result.History[^1].TrainLoss < 0.5 * result.History[0].TrainLoss,
            string.Join(", ", result.History.Select(e => e.TrainLoss)));
        Assert.False(result.CapturedSteps);
    }

    [Fact]
    public void First_order_optimizers_keep_the_captured_step_graph()
    {
        var model = Model();
        var adam = new Adam<float>(model.Parameters(), new AdamOptions(0.01));

        var result = Trainer.Fit(model, adam, new Objective(TaskKind.Binary), Separable(64, 1), null,
            new TrainerOptions(Epochs: 2, BatchSize: 16));

        Assert.True(result.CapturedSteps);
    }
}
