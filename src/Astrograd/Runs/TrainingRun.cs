using System.Globalization;
using Astrograd.Data;
using Astrograd.IO;
using Astrograd.NN;
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
    /// <param name="writeExtras">Writes further files (the command line's plots) into the run directory while it
    /// is still the temporary folder whose path it is given, after the library's own files and before the rename;
    /// an exception it throws propagates and leaves no run directory.</param>
    /// <param name="cancellation">Stops training.</param>
    /// <param name="onRestart">Called as each restart of a multi-start (of two or more) finishes, from worker
    /// threads.</param>
    /// <param name="checkpointing">Checkpoints, resume and stop requests (see <see cref="RunCheckpointing"/>), or
    /// null for none; with it the run directory may already hold the run's own checkpoint.</param>
    /// <exception cref="RunConfigException">An option is out of range, --loss does not fit the task, or
    /// --out is taken.</exception>
    /// <exception cref="DataException">The table cannot be prepared (columns, missing values, classes, split).
    /// </exception>
    /// <exception cref="InvalidOperationException">Training diverged (weights became NaN); nothing is written.
    /// </exception>
    /// <exception cref="TrainingInterruptedException">A stop was requested; what was saved is written.</exception>
    public static RunResult Run(DataTable table, RunConfig config, string runDirectory, string? defaultTarget = null,
        Action<PreparedData>? onPrepared = null, Action<EpochReport>? onEpoch = null,
        Action<RunResult, string>? writeExtras = null, CancellationToken cancellation = default,
        Action<RestartSummary>? onRestart = null, RunCheckpointing? checkpointing = null) =>
        RunInto(table, config, (runDirectory, runDirectory), defaultTarget, (onPrepared, onEpoch, onRestart),
            writeExtras, cancellation, checkpointing);

    /// <summary>Runs training into <paramref name="runDirectory"/>, a folder inside a temporary one that is renamed
    /// later, so that the run directory will be <paramref name="finalDirectory"/>: the result, metrics.json's
    /// run_dir and <paramref name="writeExtras"/> name that (a search's best/).</summary>
    internal static RunResult RunRenamedLater(DataTable table, RunConfig config, string runDirectory,
        string finalDirectory, string? defaultTarget, Action<RunResult, string>? writeExtras,
        CancellationToken cancellation) =>
        RunInto(table, config, (runDirectory, finalDirectory), defaultTarget, (null, null, null), writeExtras,
            cancellation, null);

    private static RunResult RunInto(DataTable table, RunConfig config, (string Path, string Reported) directory,
        string? defaultTarget,
        (Action<PreparedData>? Prepared, Action<EpochReport>? Epoch, Action<RestartSummary>? Restart) on,
        Action<RunResult, string>? writeExtras, CancellationToken cancellation, RunCheckpointing? checkpointing)
    {
        var (runDirectory, onPrepared, onEpoch, onRestart) = (directory.Path, on.Prepared, on.Epoch, on.Restart);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        checkpointing?.Validate(config);
        // The lock first: a directory another run is filling is named as such, not as merely taken.
        using var claim = RunLock.Acquire(runDirectory);
        if (checkpointing?.Resume is null)
        {
            RunFolder.CheckFree(runDirectory);
        }

        var data = PreparedData.From(table, config, defaultTarget);
        var objective = MakeObjective(data, config);
        onPrepared?.Invoke(data);
        var spec = new MlpSpec(data.Features.Count, config.Layers, data.Outputs, config.Activation, config.Dropout);
        var (network, training, restarts, best, seconds) = Train(data, objective, spec, config, runDirectory,
            (onEpoch, onRestart, cancellation), checkpointing);
        checkpointing?.ThrowIfNothingToSave(training, restarts.Count, runDirectory);

        var warnings = new List<string>(data.Warnings);
        CheckDivergence(network, training, config, warnings);

        var model = new TrainedModel(network, MakeCard(data, spec, objective, config) with
        {
            Restart = restarts[best].Index,
        });
        var (test, confusion) = Score(model, data.Test, data);
        var (validation, _) = Score(model, data.Validation, data);
        var result = new RunResult(model, data, training, test, validation, confusion, directory.Reported)
        {
            Warnings = warnings,
            Restarts = restarts,
            BestRestart = best,
            RestartSeconds = seconds,
            PeakMemoryBytes = PeakMemory(),
            RedshiftBins = RedshiftBins.For(model, data.Test ?? data.Validation),
        };
        Action<string, Action<string>> writeFolder = checkpointing is null
            ? (dir, write) => RunFolder.WriteComplete(dir, write)
            : (dir, write) => CheckpointFolder.WriteComplete(dir, write, checkpointing.Stop);
        // A signal during the evaluation above still leaves a multi-start unwritten, as its message says.
        checkpointing?.ThrowIfMultiStartStopped(restarts.Count);
        writeFolder(runDirectory, folder =>
        {
            model.Save(folder);
            AtomicFile.WriteAllText(Path.Combine(folder, "metrics.json"), RunFiles.SummaryJson(result, indented: true));
            AtomicFile.WriteAllText(Path.Combine(folder, "history.csv"), RunFiles.HistoryCsv(training));
            AtomicFile.Write(Path.Combine(folder, "split.json"), s => RunFiles.WriteSplitJson(s, data.Split));
            if (result.RedshiftBins is { } bins)
            {
                AtomicFile.WriteAllText(Path.Combine(folder, RedshiftBinTable.FileName), bins.ToCsv());
            }

            if (restarts.Count > 1)
            {
                AtomicFile.WriteAllText(Path.Combine(folder, "restarts.csv"), RunFiles.RestartsCsv(restarts, best));
            }

            checkpointing?.CopyInto(folder, training, runDirectory);
            writeExtras?.Invoke(result, folder);
        });
        checkpointing?.ThrowIfInterrupted(training, runDirectory);
        return result;
    }

    // A resumed state that does not fit the run (a damaged or forged checkpoint) is reported against its file.
    private static (Mlp<float> Network, TrainingResult Training, IReadOnlyList<RestartSummary> Restarts, int Best,
        double Seconds) Train(
        PreparedData data, Objective objective, MlpSpec spec, RunConfig config, string runDirectory,
        (Action<EpochReport>? Epoch, Action<RestartSummary>? Restart, CancellationToken Token) on,
        RunCheckpointing? checkpointing)
    {
        try
        {
            return MultiStart.Train(data, objective, spec, config, on.Epoch, on.Restart, on.Token,
                checkpointing?.Stop, checkpointing?.ForTrainer(runDirectory, config));
        }
        catch (InvalidDataException e) when (checkpointing?.Resume is not null)
        {
            throw Checkpoint.Unusable(runDirectory, e.Message);
        }
    }

    private static long PeakMemory()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    // The objective, with a loss that does not fit the task reported as a bad --loss.
    internal static Objective MakeObjective(PreparedData data, RunConfig config)
    {
        var task = data.Task.ToString().ToLowerInvariant();
        try
        {
            return new Objective(data.Task, config.Loss, nu: config.Nu);
        }
        catch (ArgumentException) when (config.Loss is { } loss)
        {
            var allowed = data.Task switch
            {
                TaskKind.Binary => "bce",
                TaskKind.Multiclass => "ce",
                _ => "l1, l2, huber, chi2, gaussian-nll or student-t",
            };
            throw new RunConfigException("--loss", $"'{loss.ToName()}' does not fit the " +
                $"{task} task of target '{data.Target}'; use {allowed}, or leave --loss out");
        }
    }

    // Weights that hold NaN or ±∞ would only write a model that predicts NaN: refuse, before anything is
    // written. Losses that blew up after the kept (best) epoch are worth a warning. Words: DivergenceAdvice.
    private static void CheckDivergence(Mlp<float> network, TrainingResult training, RunConfig config,
        List<string> warnings)
    {
        var cure = DivergenceAdvice.Cure(config);
        if (training.Divergence is { } d && training.BestEpoch == 0)
        {
            throw new InvalidOperationException(
                $"training diverged before any epoch ended with a finite loss, {DivergenceAdvice.Where(d)}; " +
                $"nothing was written; {cure}");
        }

        if (training.Divergence is { } late)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"training stopped {DivergenceAdvice.Where(late)}; the model keeps the weights of epoch " +
                $"{training.BestEpoch}; {cure}"));
            return;
        }

        foreach (var p in network.Parameters())
        {
            foreach (var w in p.Span)
            {
                if (!float.IsFinite(w))
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"training diverged: the weights of epoch {training.BestEpoch} hold NaN or infinite " +
                        $"values; nothing was written; {cure}"));
                }
            }
        }

        var blownUp = training.History.FirstOrDefault(e =>
            !double.IsFinite(e.TrainLoss) || e.ValidationLoss is { } v && !double.IsFinite(v));
        if (blownUp is not null)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"the loss became NaN or infinite at epoch {blownUp.Epoch}; the model keeps the weights of epoch " +
                $"{training.BestEpoch}; {cure}"));
        }
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
        Preprocessing = data.Recipe.ToCard(),
        Loss = objective.Loss.ToName(),
        Reduction = objective.Reduction.ToString().ToLowerInvariant(),
        Seed = config.Seed,
        Optimizer = OptimizerCard.From(config),
        Targets = data.Targets.Count > 1 ? data.Targets : null,
        TargetStandardization = data.TargetScaling is { } s
            ? new StandardizationCard { Mean = s.Mean, Std = s.Std }
            : null,
        Sigma = config.Sigma,
        Nu = objective.Loss == LossKind.StudentT ? objective.Nu : null,
        Hdu = config.Hdu,
    };

    private static (IReadOnlyDictionary<string, double> Metrics, int[][]? Confusion) Score(TrainedModel model,
        TrainingSet<float>? set, PreparedData data)
    {
        if (set is null)
        {
            return (new Dictionary<string, double>(), null);
        }

        var raw = Evaluation.Forward(model.Network, set.Features, set.FeatureCount);
        if (data.Task == TaskKind.Regression)
        {
            return (RegressionScoring.Score(model, raw, model.TargetsInUnits(set)), null);
        }

        return Scoring.Score(data.Task, raw, data.Outputs, set.Labels, set.Targets, data.Target);
    }
}

/// <summary>Folder-level atomicity for run directories: written under a temporary name, renamed
/// when complete.</summary>
public static class RunFolder
{
    /// <summary>Throws when <paramref name="directory"/> is a file, or already exists and is not empty
    /// (nothing there is touched).</summary>
    /// <exception cref="RunConfigException">The directory cannot be used as --out.</exception>
    public static void CheckFree(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new RunConfigException("--out", "is empty; give the name of a new directory");
        }

        if (File.Exists(directory))
        {
            throw new RunConfigException("--out",
                $"'{directory}' is a file; give the name of a new directory (nothing was changed)");
        }

        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new RunConfigException("--out",
                $"'{directory}' already exists and is not empty; choose a new directory (nothing was changed)");
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

    /// <summary>Fills a temporary sibling folder, <c>.NAME.partial-PID</c>, with <paramref name="write"/>, then
    /// renames it to <paramref name="directory"/>; an exception from <paramref name="write"/> (an interruption
    /// included) removes it, leaving nothing under the directory's name.</summary>
    /// <param name="directory">The folder to create (it may exist if empty).</param>
    /// <param name="write">Fills the folder it is given, which does not exist yet.</param>
    /// <param name="stop">The stop signal whose quit-at-once must wait for the rename, or null.</param>
    public static void WriteComplete(string directory, Action<string> write, StopSignal? stop = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $"{TemporaryPrefix(full)}{Environment.ProcessId}");
        try
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            write(temp);
            CheckFree(full);
            void Rename()
            {
                if (Directory.Exists(full))
                {
                    Directory.Delete(full);
                }

                Directory.Move(temp, full);
            }

            if (stop is null)
            {
                Rename();
            }
            else
            {
                stop.Uninterrupted(Rename);
            }
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>Removes the temporary folders (<c>.NAME.partial-PID</c>) that runs killed while writing
    /// <paramref name="directory"/> left beside it. Call it holding the directory's <see cref="RunLock"/>: no
    /// other live process writes them then. (<c>.NAME.replaced-PID</c>, which holds a checkpoint that a process
    /// killed in the middle of a swap moved aside, is left for the user to rename back.)</summary>
    /// <returns>How many were removed (one that cannot be removed is left).</returns>
    public static int RemoveStrayTemporaries(string directory)
    {
        var full = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(parent))
        {
            return 0;
        }

        var prefix = TemporaryPrefix(full);
        var removed = 0;
        foreach (var stray in Directory.EnumerateDirectories(parent, prefix + "*"))
        {
            var pid = Path.GetFileName(stray)[prefix.Length..];
            if (pid.Length == 0 || !pid.All(char.IsAsciiDigit))
            {
                continue;
            }

            try
            {
                Directory.Delete(stray, recursive: true);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left as it was: a stray that cannot be removed harms no run, which writes its own temporary.
                continue;
            }
        }

        return removed;
    }

    private static string TemporaryPrefix(string fullPath) => $".{Path.GetFileName(fullPath)}.partial-";
}
