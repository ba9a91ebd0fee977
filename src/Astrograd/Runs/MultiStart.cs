using System.Runtime.ExceptionServices;
using Astrograd.Kernels;
using Astrograd.NN;
using Astrograd.Optim;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>One restart of a multi-start, as reported.</summary>
/// <param name="Index">k, the restart's index.</param>
/// <param name="Seed">The restart's seed, derived from (run seed, k); restart 0's is the run seed.</param>
/// <param name="Epochs">Epochs run (up to early stopping or a divergence).</param>
/// <param name="BestEpoch">The epoch whose weights the restart kept (0: none): the one of the lowest validation
/// loss, or the last without validation.</param>
/// <param name="TrainLossAtBest">Training loss of that epoch (NaN when none was kept).</param>
/// <param name="ValidationLossAtBest">Validation loss of that epoch, when there is a validation split.</param>
/// <param name="Score">What restarts are ranked by (lower is better): the kept epoch's validation loss, or its
/// training loss without validation; +∞ when the restart diverged before keeping any epoch.</param>
/// <param name="Diverged">True when the loss became NaN or infinite.</param>
public sealed record RestartSummary(int Index, ulong Seed, int Epochs, int BestEpoch, double TrainLossAtBest,
    double? ValidationLossAtBest, double Score, bool Diverged);

/// <summary>
/// Trains one network per restart, in parallel across cores, and keeps the best: the lecture's remedy for local
/// minima. Each restart owns its network, optimizer and random streams; the data is shared read-only, so the
/// results do not depend on the number of threads.
/// </summary>
internal static class MultiStart
{
    /// <summary>The seed of restart <paramref name="k"/> of a run seeded <paramref name="runSeed"/>.</summary>
    public static ulong SeedOf(ulong runSeed, int k) => k == 0 ? runSeed : Rng.DeriveSeed(runSeed, 100 + (ulong)k);

    public static (Mlp<float> Network, TrainingResult Training, IReadOnlyList<RestartSummary> Restarts, int Best,
        double Seconds) Train(PreparedData data, Objective objective, MlpSpec spec, RunConfig config,
            Action<EpochReport>? onEpoch, Action<RestartSummary>? onRestart, CancellationToken cancellation,
            StopSignal? stop = null, TrainerCheckpoints<float>? checkpoints = null)
    {
        int[] indices = config.Restart is { } only ? [only] : [.. Enumerable.Range(0, config.Restarts)];
        var networks = new Mlp<float>[indices.Length];
        var results = new TrainingResult[indices.Length];
        var summaries = new RestartSummary[indices.Length];
        var threads = Math.Min(config.Threads ?? Environment.ProcessorCount, indices.Length);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        void TrainOne(int i)
        {
            var seed = SeedOf(config.Seed, indices[i]);
            var (network, optimizer, options) = Start(data, spec, config, seed);
            var training = Trainer.Fit(network, optimizer, objective, data.Train, data.Validation, options,
                indices.Length == 1 ? onEpoch : null, cancellation, OptimizerFactory.Plan(config, optimizer), stop,
                indices.Length == 1 ? checkpoints : null);
            networks[i] = network;
            results[i] = training;
            summaries[i] = Summarize(indices[i], seed, training);
            // A restart begun after a stop trains no epoch; it is not reported (the caller writes nothing).
            if (indices.Length > 1 && !(training.Interrupted && training.History.Count == 0))
            {
                onRestart?.Invoke(summaries[i]);
            }
        }

        if (threads <= 1)
        {
            for (var i = 0; i < indices.Length; i++)
            {
                WithGemmThreads(config.Threads, () => TrainOne(i));
            }
        }
        else
        {
            // One restart per core; each restart's products then stay on its own thread.
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
            try
            {
                Parallel.For(0, indices.Length, parallel, i => WithGemmThreads(1, () => TrainOne(i)));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                throw;
            }
        }

        var best = 0;
        for (var i = 1; i < summaries.Length; i++)
        {
            if (summaries[i].Score < summaries[best].Score)
            {
                best = i;
            }
        }

        return (networks[best], results[best], summaries, best, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The network, optimizer and trainer options of the start seeded <paramref name="seed"/>: the same
    /// weights and shuffling for every learning rate.</summary>
    public static (Mlp<float> Network, Optimizer<float> Optimizer, TrainerOptions Options) Start(PreparedData data,
        MlpSpec spec, RunConfig config, ulong seed)
    {
        var network = new Mlp<float>(spec, new Rng(Rng.DeriveSeed(seed, 2)));
        var optimizer = OptimizerFactory.Create(config, network.Parameters());
        var options = new TrainerOptions(config.Epochs, OptimizerFactory.BatchSize(config, data.Train.Rows),
            config.Patience, Rng.DeriveSeed(seed, 3))
        {
            ClipGradNorm = config.ClipGradNorm,
        };
        return (network, optimizer, options);
    }

    /// <summary>Runs <paramref name="action"/> with the matrix products limited to <paramref name="threads"/>.
    /// </summary>
    public static void WithGemmThreads(int? threads, Action action)
    {
        var saved = Gemm.MaxThreads;
        Gemm.MaxThreads = threads;
        try
        {
            action();
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }

    private static RestartSummary Summarize(int index, ulong seed, TrainingResult training)
    {
        // Both losses of the kept epoch: the last epoch's training loss beside the kept one's validation loss
        // would mix two epochs.
        var kept = training.BestEpoch > 0 ? training.History[training.BestEpoch - 1] : null;
        var validation = kept?.ValidationLoss;
        var score = kept is null ? double.PositiveInfinity : validation ?? kept.TrainLoss;
        if (!double.IsFinite(score))
        {
            score = double.PositiveInfinity;
        }

        return new RestartSummary(index, seed, training.History.Count, training.BestEpoch,
            kept?.TrainLoss ?? double.NaN, validation, score, training.Divergence is not null);
    }
}
