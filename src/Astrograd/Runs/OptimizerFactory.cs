using Astrograd.NN;
using Astrograd.Optim;
using Astrograd.Optim.Schedules;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>Builds the optimizer and the learning-rate plan a <see cref="RunConfig"/> asks for.</summary>
internal static class OptimizerFactory
{
    /// <summary>The optimizer over <paramref name="parameters"/>; --momentum applies to sgd only.</summary>
    public static Optimizer<float> Create(RunConfig config, IEnumerable<Parameter<float>> parameters)
    {
        var (lr, decay) = (config.LearningRate, config.WeightDecay);
        return config.Optimizer switch
        {
            OptimizerKind.Sgd => new Sgd<float>(parameters,
                new SgdOptions(lr, config.Momentum, decay, config.Nesterov)),
            OptimizerKind.Adam => new Adam<float>(parameters, new AdamOptions(lr, L2WeightDecay: decay)),
            OptimizerKind.AdamW => new AdamW<float>(parameters, new AdamWOptions(lr, DecoupledWeightDecay: decay)),
            OptimizerKind.RmsProp => new RmsProp<float>(parameters, new RmsPropOptions(lr, L2WeightDecay: decay)),
            OptimizerKind.Rprop => new Rprop<float>(parameters, new RpropOptions(lr)),
            OptimizerKind.Lbfgs => new Lbfgs<float>(parameters, new LbfgsOptions(lr)),
            _ => throw new NotSupportedException($"--optimizer: {config.Optimizer} has no builder"),
        };
    }

    /// <summary>The per-epoch plan of --schedule for <paramref name="optimizer"/>, or null for none.</summary>
    public static LearningRatePlan? Plan(RunConfig config, IHasLearningRate optimizer) => config.Schedule switch
    {
        ScheduleKind.None => null,
        ScheduleKind.Step => LearningRatePlan.PerEpoch(
            new StepDecay(optimizer, new StepDecayOptions(config.StepSize, config.Gamma))),
        ScheduleKind.Exponential => LearningRatePlan.PerEpoch(
            new ExponentialDecay(optimizer, new ExponentialDecayOptions(config.Gamma))),
        ScheduleKind.Cosine => LearningRatePlan.PerEpoch(new CosineAnnealing(optimizer,
            new CosineAnnealingOptions(config.Epochs, config.MinLearningRate, config.WarmupEpochs))),
        ScheduleKind.Plateau => LearningRatePlan.OnPlateau(new ReduceOnPlateau(optimizer,
            new ReduceOnPlateauOptions(Factor: config.Gamma, Patience: config.StepSize,
                MinLearningRate: config.MinLearningRate))),
        _ => throw new NotSupportedException($"--schedule: {config.Schedule} has no builder"),
    };

    /// <summary>Rows per step: the whole training split for L-BFGS (its line search needs one fixed loss) and
    /// iRprop⁻ (it adapts each step size to the sign of the gradient, which a mini-batch makes noise), else
    /// --batch.</summary>
    public static int BatchSize(RunConfig config, int trainRows) => FullBatch(config.Optimizer)
        ? Math.Max(trainRows, 1)
        : config.BatchSize;

    /// <summary>True for the optimizers that train on the whole training split at every step.</summary>
    public static bool FullBatch(OptimizerKind optimizer) => optimizer is OptimizerKind.Lbfgs or OptimizerKind.Rprop;
}
