using System.Globalization;
using Astrograd.Data;
using Astrograd.IO;
using Astrograd.NN;
using Astrograd.Optim;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>
/// The main job end to end: prepare a table, train an MLP, score it on the test rows, and write the run
/// directory (model, weights, metrics, history) atomically.
/// </summary>
public static class TrainingRun
{
    /// <summary>Runs training on <paramref name="table"/> and writes the results to <paramref
    /// name="runDirectory"/>.</summary>
    /// <param name="table">The data.</param>
    /// <param name="config">The run's options.</param>
    /// <param name="runDirectory">The output folder; it must not exist yet (it appears only when complete).</param>
    /// <param name="defaultTarget">The target when the config names none (an embedded dataset's target).</param>
    /// <param name="onPrepared">Called once the data is ready, before training starts.</param>
    /// <param name="onEpoch">Called after every epoch.</param>
    /// <param name="cancellation">Stops training.</param>
    public static RunResult Run(DataTable table, RunConfig config, string runDirectory, string? defaultTarget = null,
        Action<PreparedData>? onPrepared = null, Action<EpochReport>? onEpoch = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        RunFolder.CheckFree(runDirectory);

        var data = PreparedData.From(table, config, defaultTarget);
        onPrepared?.Invoke(data);
        var spec = new MlpSpec(data.Features.Count, config.Layers, data.Outputs, config.Activation, config.Dropout);
        var network = new Mlp<float>(spec, new Rng(Rng.DeriveSeed(config.Seed, 2)));
        var objective = new Objective(data.Task, config.Loss);
        var optimizer = new Sgd<float>(network.Parameters(), new SgdOptions(config.LearningRate, config.Momentum));
        var options = new TrainerOptions(config.Epochs, config.BatchSize, config.Patience,
            Rng.DeriveSeed(config.Seed, 3));
        var training = Trainer.Fit(network, optimizer, objective, data.Train, data.Validation, options, onEpoch,
            cancellation);

        var model = new TrainedModel(network, MakeCard(data, spec, objective, config));
        var (test, confusion) = Score(model, data.Test, data);
        var (validation, _) = Score(model, data.Validation, data);
        var result = new RunResult(model, data, training, test, validation, confusion, runDirectory);
        RunFolder.WriteComplete(runDirectory, folder =>
        {
            model.Save(folder);
            AtomicFile.WriteAllText(Path.Combine(folder, "metrics.json"), RunFiles.MetricsJson(result, config));
            AtomicFile.WriteAllText(Path.Combine(folder, "history.csv"), RunFiles.HistoryCsv(training));
            AtomicFile.WriteAllText(Path.Combine(folder, "split.json"), RunFiles.SplitJson(data.Split));
        });
        return result;
    }

    private static ModelCard MakeCard(PreparedData data, MlpSpec spec, Objective objective, RunConfig config) => new()
    {
        Task = data.Task.ToString().ToLowerInvariant(),
        Target = data.Target,
        Features = data.Features,
        Classes = data.Labels?.Classes,
        Architecture = new ArchitectureCard
        {
            Inputs = spec.Inputs,
            Hidden = spec.Hidden,
            Outputs = spec.Outputs,
            Activation = spec.Activation.ToName(),
            Dropout = spec.Dropout,
        },
        Standardization = new StandardizationCard { Mean = data.Scaler.Means, Std = data.Scaler.Stds },
        Loss = objective.Loss.ToString().ToLowerInvariant(),
        Reduction = objective.Reduction.ToString().ToLowerInvariant(),
        Seed = config.Seed,
    };

    private static (IReadOnlyDictionary<string, double> Metrics, int[][]? Confusion) Score(TrainedModel model,
        TrainingSet<float>? set, PreparedData data)
    {
        if (set is null)
        {
            return (new Dictionary<string, double>(), null);
        }

        var raw = Evaluation.Forward(model.Network, set.Features, set.FeatureCount);
        return Scoring.Score(data.Task, raw, data.Outputs, set.Labels, set.Targets, data.Target);
    }
}

/// <summary>Folder-level atomicity for run directories: written under a temporary name, renamed
/// when complete.</summary>
public static class RunFolder
{
    /// <summary>Throws when <paramref name="directory"/> already exists and is not empty (nothing
    /// there is touched).</summary>
    public static void CheckFree(string directory)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new ArgumentException(
                $"--out: '{directory}' already exists and is not empty; choose a new directory (nothing was changed).");
        }
    }

    /// <summary>The default run folder: <c>runs/yyyyMMdd-HHmmss</c> (UTC), with a suffix if taken.</summary>
    public static string DefaultFor(DateTime utcNow)
    {
        var stem = Path.Combine("runs", utcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var candidate = stem;
        for (var i = 2; Directory.Exists(candidate); i++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{stem}-{i}");
        }

        return candidate;
    }

    /// <summary>Fills a temporary sibling folder with <paramref name="write"/>, then renames it to
    /// <paramref name="directory"/>.</summary>
    public static void WriteComplete(string directory, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(full)}.partial-{Environment.ProcessId}");
        try
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            write(temp);
            CheckFree(full);
            if (Directory.Exists(full))
            {
                Directory.Delete(full);
            }

            Directory.Move(temp, full);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }
}
