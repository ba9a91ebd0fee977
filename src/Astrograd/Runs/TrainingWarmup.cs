using Astrograd.Data;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>
/// Compiles the training path ahead of the run: a throwaway network of the run's architecture, loss and
/// optimizer is trained for a few steps on a small synthetic table on another core while the real table
/// loads. The JIT compiles each method once per process, so the real loop then starts on compiled code
/// instead of paying ~0.15 s of compilation inside its first steps (the cost ReadyToRun would remove, but
/// ReadyToRun code lacks the AVX-512 paths and the profile-guided tiering the kernels rely on).
/// </summary>
/// <remarks>
/// The warm-up shares nothing with the run (its own table, network, optimizer and generator; the only state it
/// touches, the matrix-product thread limit and scratch buffers, is per thread), so the run's results are the
/// same bits with or without it. It guesses the feature count and task when the table is not yet known; a
/// wrong guess only leaves some methods to be compiled in the loop.
/// </remarks>
public sealed class TrainingWarmup
{
    private readonly Task _task;

    private TrainingWarmup(Task task) => _task = task;

    /// <summary>Starts warming up for <paramref name="config"/> on a pool thread; does nothing on one core.
    /// </summary>
    public static TrainingWarmup Start(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (Environment.ProcessorCount < 2)
        {
            return new TrainingWarmup(Task.CompletedTask);
        }

        return new TrainingWarmup(Task.Run(() => Run(config)));
    }

    /// <summary>Waits for the warm-up to end, so that it does not share the cores with the timed loop.</summary>
    public void Wait()
    {
        try
        {
            _task.Wait();
        }
        catch (AggregateException)
        {
            // A warm-up that failed (a guess the options refuse) only leaves compilation to the loop; the run
            // itself reports any real problem with its options.
        }
    }

    private static void Run(RunConfig config)
    {
        var (features, task) = Guess(config);
        var batch = Math.Max(config.BatchSize, 1);
        var table = Synthetic(features, task, rows: Math.Clamp(8 * batch, 64, 4096));
        // Enough steps for the tiered JIT to promote what the loop calls often (30 calls), one thread, one start.
        var warm = config with
        {
            DataPath = null,
            Target = "y",
            Features = null,
            // The synthetic table has no σ or magnitude columns and nothing missing.
            Sigma = null,
            Colors = null,
            Task = task,
            Epochs = 6,
            Patience = 0,
            Restarts = 1,
            Restart = null,
            Threads = 1,
        };
        var data = PreparedData.From(table, warm, "y");
        var objective = TrainingRun.MakeObjective(data, warm);
        var spec = new NN.MlpSpec(data.Features.Count, warm.Layers, data.Outputs, warm.Activation, warm.Dropout);
        var (network, _, _, _, _) = MultiStart.Train(data, objective, spec, warm, null, null, default);
        if (data.Test is { } test)
        {
            var raw = Evaluation.Forward(network, test.Features, test.FeatureCount);
            Scoring.Score(data.Task, raw, data.Outputs, test.Labels, test.Targets, data.Target);
        }
    }

    // The table's shape when it is known from the options or the embedded catalogue.
    private static (int Features, TaskKind Task) Guess(RunConfig config)
    {
        var task = config.Task;
        var features = config.Features?.Count;
        if (config.DataPath is null && Datasets.All.FirstOrDefault(d =>
                string.Equals(d.Name, config.Dataset, StringComparison.OrdinalIgnoreCase)) is { } info)
        {
            features ??= info.Columns.Count - 1;
            task ??= info.Task.Contains("binary", StringComparison.OrdinalIgnoreCase) ? TaskKind.Binary
                : info.Task.Contains("regression", StringComparison.OrdinalIgnoreCase) ? TaskKind.Regression
                : TaskKind.Multiclass;
        }

        return (Math.Max(features ?? 8, 1), task ?? TaskKind.Binary);
    }

    private static DataTable Synthetic(int features, TaskKind task, int rows)
    {
        var rng = new Rng(12345);
        var columns = new List<DataColumn>(features + 1);
        var values = new double[rows];
        for (var j = 0; j < features; j++)
        {
            for (var i = 0; i < rows; i++)
            {
                values[i] = rng.NextNormal();
            }

            columns.Add(DataColumn.Numeric($"x{j}", values));
        }

        for (var i = 0; i < rows; i++)
        {
            values[i] = task switch
            {
                TaskKind.Binary => i % 2,
                TaskKind.Multiclass => i % 3,
                _ => rng.NextNormal(),
            };
        }

        columns.Add(DataColumn.Numeric("y", values));
        return new DataTable(columns, "warm-up");
    }
}
