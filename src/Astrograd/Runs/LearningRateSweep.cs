using System.Runtime.ExceptionServices;
using Astrograd.Data;
using Astrograd.NN;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>One learning rate of a sweep: its training history, from the sweep's common start.</summary>
/// <param name="LearningRate">λ.</param>
/// <param name="Training">The training history (it ends at the first non-finite loss).</param>
/// <param name="InitialLoss">The judged loss (validation, else training) of the untrained network.</param>
public sealed record SweepRun(double LearningRate, TrainingResult Training, double InitialLoss)
{
    /// <summary>An epoch whose judged loss exceeds this multiple of <see cref="InitialLoss"/> counts as diverged:
    /// a stable loss such as BCE on logits grows without bound but never becomes NaN.</summary>
    public const double DivergenceFactor = 4;

    /// <summary>True when the loss became NaN or infinite, or rose above <see cref="DivergenceFactor"/> times
    /// the untrained network's.</summary>
    public bool Diverged => DivergedEpoch is not null;

    /// <summary>The first epoch that diverged (see <see cref="Diverged"/>), or null.</summary>
    public int? DivergedEpoch => Training.History.FirstOrDefault(e => !double.IsFinite(LossOf(e))
        || LossOf(e) > DivergenceFactor * InitialLoss)?.Epoch ?? Training.Divergence?.Epoch;

    /// <summary>The loss a curve is judged by at epoch <paramref name="e"/>: validation loss, else training loss.
    /// </summary>
    public static double LossOf(EpochReport e) => e.ValidationLoss ?? e.TrainLoss;

    /// <summary>The judged loss of the last epoch (NaN when it diverged).</summary>
    public double FinalLoss => Training.History.Count == 0 ? double.NaN : LossOf(Training.History[^1]);

    /// <summary>The lowest finite judged loss of any epoch (NaN when none).</summary>
    public double BestLoss => Training.History.Select(LossOf).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min();
}

/// <summary>A learning-rate range test: the batch loss at each λ as λ grew geometrically over one pass.</summary>
/// <param name="Points">Each step's λ and batch loss, in order (up to the divergence, if any).</param>
/// <param name="Smoothed">The batch losses smoothed by a bias-corrected moving average, β = 0.9.</param>
/// <param name="MinimumLearningRate">λ at the lowest smoothed loss, or NaN with no points.</param>
/// <param name="SuggestedLearningRate">A tenth of <paramref name="MinimumLearningRate"/>: just below where the
/// loss stops falling, so that training still goes downhill fast.</param>
/// <param name="Divergence">Where the loss became non-finite, or null.</param>
public sealed record RangeTestResult(IReadOnlyList<(double LearningRate, double Loss)> Points,
    IReadOnlyList<double> Smoothed, double MinimumLearningRate, double SuggestedLearningRate,
    Divergence? Divergence);

/// <summary>
/// Learning-rate sweeps: the same network from the same start (the run's seed, as <c>train</c> would make it)
/// trained with several learning rates; and the range test, one pass with λ growing every step.
/// </summary>
public static class LearningRateSweep
{
    /// <summary>Smoothing factor β of the range test's moving average.</summary>
    public const double Smoothing = 0.9;

    /// <summary>Trains one network per λ in <paramref name="learningRates"/> with <paramref name="config"/>'s
    /// other options, in parallel on up to <see cref="RunConfig.Threads"/> cores; a run stops at its first
    /// non-finite loss and the others go on (see <see cref="SweepRun.Diverged"/> for what counts as diverged).
    /// </summary>
    /// <param name="table">The data.</param>
    /// <param name="config">Every option but the learning rate.</param>
    /// <param name="learningRates">The λ to try, each finite and &gt; 0.</param>
    /// <param name="defaultTarget">The target when the config names none.</param>
    /// <param name="onPrepared">Called once the data is ready.</param>
    /// <param name="onRun">Called as each λ finishes (from worker threads).</param>
    /// <param name="cancellation">Stops training.</param>
    /// <returns>One run per λ, in the order given.</returns>
    /// <exception cref="RunConfigException">An option or a λ is out of range.</exception>
    public static IReadOnlyList<SweepRun> Sweep(DataTable table, RunConfig config, IReadOnlyList<double> learningRates,
        string? defaultTarget = null, Action<PreparedData>? onPrepared = null, Action<SweepRun>? onRun = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(learningRates);
        if (learningRates.Count == 0)
        {
            throw new RunConfigException("--lrs", "is empty; give learning rates such as 1e-3,1e-2,1e-1");
        }

        var configs = learningRates.Select(lr => config with { LearningRate = lr }).ToArray();
        foreach (var c in configs)
        {
            c.Validate();
        }

        var (data, objective, spec) = Prepare(table, config, defaultTarget, onPrepared);
        var runs = new SweepRun[configs.Length];
        void TrainOne(int i)
        {
            var (network, optimizer, options) = MultiStart.Start(data, spec, configs[i], config.Seed);
            var initial = Evaluation.MainMetric(network, objective, data.Validation ?? data.Train).Loss;
            var training = Trainer.Fit(network, optimizer, objective, data.Train, data.Validation, options, null,
                cancellation, OptimizerFactory.Plan(configs[i], optimizer));
            runs[i] = new SweepRun(configs[i].LearningRate, training, initial);
            onRun?.Invoke(runs[i]);
        }

        var threads = Math.Min(config.Threads ?? Environment.ProcessorCount, configs.Length);
        if (threads <= 1)
        {
            for (var i = 0; i < configs.Length; i++)
            {
                MultiStart.WithGemmThreads(config.Threads, () => TrainOne(i));
            }

            return runs;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
        try
        {
            Parallel.For(0, configs.Length, parallel, i => MultiStart.WithGemmThreads(1, () => TrainOne(i)));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }

        return runs;
    }

    /// <summary>The range test: one pass over the training rows, λ growing geometrically from
    /// <paramref name="minLearningRate"/> to <paramref name="maxLearningRate"/> over its steps (see
    /// <see cref="RangeTestPlan"/>); it stops at the first non-finite loss.</summary>
    /// <exception cref="RunConfigException">An option is out of range, the optimizer is L-BFGS, or the pass has
    /// fewer than 2 steps.</exception>
    public static RangeTestResult RangeTest(DataTable table, RunConfig config, double minLearningRate,
        double maxLearningRate, string? defaultTarget = null, Action<PreparedData>? onPrepared = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!(minLearningRate > 0) || !double.IsFinite(minLearningRate))
        {
            throw new RunConfigException("--min-lr", FormattableString.Invariant(
                $"must be a finite number > 0, got {minLearningRate}"));
        }

        if (!(maxLearningRate > minLearningRate) || !double.IsFinite(maxLearningRate))
        {
            throw new RunConfigException("--max-lr", FormattableString.Invariant(
                $"must be finite and above --min-lr ({minLearningRate}), got {maxLearningRate}"));
        }

        if (OptimizerFactory.FullBatch(config.Optimizer))
        {
            // One full-batch step per pass leaves nothing to grow λ over.
            throw new RunConfigException("--optimizer", $"{config.Optimizer.ToName()} takes one full-batch step " +
                "per pass, so the range test has nothing to sweep; use sgd, adam, adamw or rmsprop");
        }

        var runConfig = config with { LearningRate = minLearningRate, Epochs = 1, Patience = 0 };
        runConfig.Validate();
        var (data, objective, spec) = Prepare(table, runConfig, defaultTarget, onPrepared);
        var (network, optimizer, options) = MultiStart.Start(data, spec, runConfig, config.Seed);
        var steps = (data.Train.Rows + options.BatchSize - 1) / options.BatchSize;
        if (steps < 2)
        {
            var rows = data.Train.Rows;
            throw new RunConfigException("--batch", FormattableString.Invariant(
                $"gives {steps} step over {rows} training rows; the range test needs >= 2: use a smaller --batch"));
        }

        var plan = new RangeTestPlan(optimizer, minLearningRate, maxLearningRate, steps);
        var training = Trainer.Fit(network, optimizer, objective, data.Train, null, options, null, cancellation, plan);

        var smoothed = Smooth(plan.Points.Select(p => p.Loss).ToArray());
        var lowest = smoothed.Length == 0 ? -1 : Array.IndexOf(smoothed, smoothed.Min());
        var atMinimum = lowest < 0 ? double.NaN : plan.Points[lowest].LearningRate;
        return new RangeTestResult([.. plan.Points], smoothed, atMinimum, atMinimum / 10, training.Divergence);
    }

    // Bias-corrected exponential moving average: s_k = m_k / (1 − β^k), m_k = β·m_(k−1) + (1 − β)·x_k.
    private static double[] Smooth(double[] losses)
    {
        var result = new double[losses.Length];
        var mean = 0.0;
        for (var k = 0; k < losses.Length; k++)
        {
            mean = (Smoothing * mean) + ((1 - Smoothing) * losses[k]);
            result[k] = mean / (1 - Math.Pow(Smoothing, k + 1));
        }

        return result;
    }

    private static (PreparedData Data, Objective Objective, MlpSpec Spec) Prepare(DataTable table, RunConfig config,
        string? defaultTarget, Action<PreparedData>? onPrepared)
    {
        var data = PreparedData.From(table, config, defaultTarget);
        var objective = TrainingRun.MakeObjective(data, config);
        onPrepared?.Invoke(data);
        var spec = new MlpSpec(data.Features.Count, config.Layers, data.Outputs, config.Activation, config.Dropout);
        return (data, objective, spec);
    }
}
