using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Astrograd.Data;
using Astrograd.IO;
using Astrograd.NN;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>What one trial of a search gave.</summary>
/// <param name="Index">The trial's position in the search, 0-based.</param>
/// <param name="Parameters">Its hyperparameters.</param>
/// <param name="ValidationLoss">The validation loss of the kept epoch of its best restart, or null without
/// validation rows.</param>
/// <param name="Score">What trials are ranked by (lower is better): that validation loss, or the last training
/// loss without validation; +∞ when every restart diverged before keeping an epoch.</param>
/// <param name="MetricName">The main metric's name (accuracy, rmse).</param>
/// <param name="Metric">The main metric at the kept epoch (on the validation rows, else the training rows).</param>
/// <param name="Epochs">Epochs the best restart trained.</param>
/// <param name="BestRestart">The index of the trial's best restart.</param>
/// <param name="Diverged">True when the best restart's loss became NaN or infinite.</param>
/// <param name="Seconds">Wall seconds the trial took (all its restarts).</param>
public sealed record TrialSummary(int Index, TrialParameters Parameters, double? ValidationLoss, double Score,
    string MetricName, double Metric, int Epochs, int BestRestart, bool Diverged, double Seconds);

/// <summary>A finished search.</summary>
/// <param name="Trials">Every trial, in search order.</param>
/// <param name="Best">The position in <paramref name="Trials"/> of the best one (lowest score, the first on a tie).
/// </param>
/// <param name="BestRun">The best trial trained once more and written as a normal run directory.</param>
/// <param name="Seconds">Wall seconds of the trials (without the best run's).</param>
public sealed record SearchResult(IReadOnlyList<TrialSummary> Trials, int Best, RunResult BestRun, double Seconds)
{
    /// <summary>The trials from best to worst (ties in search order).</summary>
    public IReadOnlyList<TrialSummary> Ranked => [.. Trials.OrderBy(t => t.Score).ThenBy(t => t.Index)];
}

/// <summary>
/// Hyperparameter search: one training per combination of layers, activation, λ and batch size (a grid, or a
/// seeded random draw), each with the run's multi-start inside; the best one is kept as a run directory.
/// </summary>
/// <remarks>
/// Every trial shares the split, the standardisation and the seed (so two trials with the same network start
/// from the same weights: only the hyperparameters differ). Trials run in parallel, one core each, and own
/// their network, optimizer and random streams, so the results do not depend on the thread count. The best
/// trial is trained once more by <see cref="TrainingRun.Run"/> to write its run directory (same seeds, same
/// bits, one more trial's time); keeping every trial's network in memory until the end would spare that.
/// </remarks>
public static class HyperparameterSearch
{
    /// <summary>The search's table, next to the run directory <c>best</c>, in the output folder.</summary>
    public const string TableFile = "search.csv";

    /// <summary>The best trial's run directory inside the output folder.</summary>
    public const string BestFolder = "best";

    /// <summary>Runs <paramref name="trials"/> on <paramref name="table"/> and writes <see cref="TableFile"/> and
    /// the best trial's run directory into <paramref name="outDirectory"/>, which appears only when both are
    /// complete (or with the table alone when every trial diverged).</summary>
    /// <param name="table">The data.</param>
    /// <param name="config">Every other option (data, loss, optimizer, epochs, restarts, seed, threads).</param>
    /// <param name="trials">The combinations to train (see <see cref="SearchSpace.Grid"/> and
    /// <see cref="SearchSpace.Random"/>).</param>
    /// <param name="outDirectory">A folder that does not exist yet or is empty.</param>
    /// <param name="defaultTarget">The target when the config names none.</param>
    /// <param name="onPrepared">Called once the data is ready.</param>
    /// <param name="onTrial">Called as each trial finishes, from worker threads.</param>
    /// <param name="writeExtras">Passed to the best run (the command line's plots, config and report); the result it
    /// is given names the run directory the best run will have, <c>best</c> under <paramref name="outDirectory"/>.
    /// </param>
    /// <param name="onBest">Called with the best trial before its run directory is trained and written.</param>
    /// <param name="cancellation">Stops training; the output folder is then not written.</param>
    /// <param name="stop">The stop signal whose quit-at-once must wait for the output folder's rename, or null.
    /// </param>
    /// <exception cref="RunConfigException">An option or a trial's value is out of range, or the folder is taken.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> stopped training; nothing was
    /// written under <paramref name="outDirectory"/>.</exception>
    /// <exception cref="InvalidOperationException">Every trial diverged before its first epoch ended (the table
    /// is still written).</exception>
    public static SearchResult Run(DataTable table, RunConfig config, IReadOnlyList<TrialParameters> trials,
        string outDirectory, string? defaultTarget = null, Action<PreparedData>? onPrepared = null,
        Action<TrialSummary>? onTrial = null, Action<RunResult, string>? writeExtras = null,
        Action<TrialSummary>? onBest = null, CancellationToken cancellation = default, StopSignal? stop = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(trials);
        if (trials.Count == 0)
        {
            throw new RunConfigException("--grid", "has no trials to run");
        }

        // Every trial's options before any training, so that a bad combination fails at once.
        var configs = trials.Select(t => t.Apply(config) with { Threads = 1 }).ToArray();
        foreach (var c in configs)
        {
            c.Validate();
        }

        // The whole output folder (search.csv and best/) is written under a temporary name and renamed when
        // complete, holding the folder's lock throughout: an interruption or an error leaves nothing under its name.
        var summaries = new TrialSummary[configs.Length];
        double seconds = 0;
        RunResult? run = null;
        using (RunLock.Acquire(outDirectory))
        {
            RunFolder.CheckFree(outDirectory);
            RunFolder.WriteComplete(outDirectory, folder =>
            {
                var data = PreparedData.From(table, config, defaultTarget);
                var objective = TrainingRun.MakeObjective(data, config);
                onPrepared?.Invoke(data);

                var clock = Stopwatch.StartNew();
                void TrainOne(int i)
                {
                    summaries[i] = Trial(i, trials[i], data, objective, configs[i], cancellation);
                    onTrial?.Invoke(summaries[i]);
                }

                RunAll(configs.Length, config.Threads, TrainOne, cancellation);
                seconds = clock.Elapsed.TotalSeconds;

                Directory.CreateDirectory(folder);
                AtomicFile.WriteAllText(Path.Combine(folder, TableFile), SearchFiles.TableCsv(summaries));
                var best = BestOf(summaries);
                if (!double.IsFinite(summaries[best].Score))
                {
                    // search.csv alone, to show that every trial diverged.
                    return;
                }

                onBest?.Invoke(summaries[best]);

                // Restarts in parallel give the same bits as one by one; a single start keeps its products on one
                // thread, as in the trial.
                var bestConfig = trials[best].Apply(config) with
                {
                    Threads = config.Restarts > 1 ? config.Threads : 1,
                };
                run = TrainingRun.RunRenamedLater(table, bestConfig, Path.Combine(folder, BestFolder),
                    Path.Combine(outDirectory, BestFolder), defaultTarget, writeExtras, cancellation);
            }, stop);
        }

        if (run is null)
        {
            throw new InvalidOperationException(
                $"every trial diverged before its first epoch ended; {TableFile} was written to '{outDirectory}' " +
                "but no model; try smaller --lrs or --clip-grad-norm 1");
        }

        return new SearchResult(summaries, BestOf(summaries), run, seconds);
    }

    /// <summary>The position of the lowest score (the first of equals).</summary>
    public static int BestOf(IReadOnlyList<TrialSummary> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var best = 0;
        for (var i = 1; i < trials.Count; i++)
        {
            if (trials[i].Score < trials[best].Score)
            {
                best = i;
            }
        }

        return best;
    }

    private static TrialSummary Trial(int index, TrialParameters parameters, PreparedData data, Objective objective,
        RunConfig config, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var spec = new MlpSpec(data.Features.Count, config.Layers, data.Outputs, config.Activation, config.Dropout);
        var (_, training, restarts, best, _) = MultiStart.Train(data, objective, spec, config, null, null,
            cancellation);
        var kept = restarts[best];
        var epoch = training.BestEpoch > 0 ? training.History[training.BestEpoch - 1] : null;
        var metricName = epoch?.MetricName ?? Evaluation.MetricName(objective.Task);
        return new TrialSummary(index, parameters, kept.ValidationLossAtBest, kept.Score, metricName,
            epoch?.Metric ?? double.NaN, kept.Epochs, kept.Index, kept.Diverged, clock.Elapsed.TotalSeconds);
    }

    // One trial per core; a trial's restarts and products then stay on its own thread (MultiStart with
    // Threads = 1), so every trial gives the same bits whatever the thread count.
    private static void RunAll(int count, int? threads, Action<int> trainOne, CancellationToken cancellation)
    {
        var workers = Math.Min(threads ?? Environment.ProcessorCount, count);
        if (workers <= 1)
        {
            for (var i = 0; i < count; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                trainOne(i);
            }

            return;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation };
        try
        {
            Parallel.For(0, count, parallel, trainOne);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
