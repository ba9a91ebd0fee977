using System.Globalization;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>
/// How <see cref="TrainingRun.Run"/> checkpoints a run and reacts to a stop request. The checkpoint lives in the
/// run directory itself (<c>DIR/checkpoint.safetensors</c>): the directory appears, holding only the checkpoint,
/// at the first one; an interruption turns it into a complete run directory of the best model so far, checkpoint
/// included; the end of training replaces it by the finished run, without a checkpoint. A killed process so
/// always leaves the last checkpoint where <c>--resume DIR</c> looks for it.
/// </summary>
/// <remarks>A multi-start (two or more restarts) is not checkpointed: each restart would need its own
/// checkpoint and a resume would have to rejoin them; --checkpoint-every is refused with it, and a stop request
/// ends it with nothing written.</remarks>
public sealed class RunCheckpointing
{
    private TrainerState<float>? _last;

    /// <summary>Epochs between checkpoints, ≥ 0; 0 writes one only when stopped.</summary>
    public int Every { get; init; }

    /// <summary>The checkpoint to resume from, or null for a new run.</summary>
    public Checkpoint? Resume { get; init; }

    /// <summary>When requested, training stops after its current step.</summary>
    public StopSignal? Stop { get; init; }

    /// <summary>The data file's fingerprint (<see cref="Checkpoint.FingerprintOf"/>), kept in each checkpoint.
    /// </summary>
    public string DataFingerprint { get; init; } = string.Empty;

    /// <summary>The FITS HDU the data came from, kept in each checkpoint.</summary>
    public string? Hdu { get; init; }

    /// <summary>The run's recorded configuration (config.toml), kept in every checkpoint.</summary>
    public string? ConfigToml { get; init; }

    /// <summary>Refuses settings that cannot work with <paramref name="config"/>.</summary>
    /// <exception cref="RunConfigException">--checkpoint-every below 0, or with a multi-start.</exception>
    public void Validate(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (Every < 0)
        {
            throw new RunConfigException("--checkpoint-every", string.Create(CultureInfo.InvariantCulture,
                $"must be a whole number >= 1 (epochs between checkpoints), got {Every}"));
        }

        if (Every > 0 && config.Restarts > 1)
        {
            throw new RunConfigException("--checkpoint-every", string.Create(CultureInfo.InvariantCulture,
                $"a multi-start (--restarts {config.Restarts}) is not checkpointed; leave out --checkpoint-every, " +
                $"or train one restart at a time with --restart K"));
        }
    }

    /// <summary>The trainer's side: resume from <see cref="Resume"/>, write into <paramref name="runDirectory"/>.
    /// </summary>
    internal TrainerCheckpoints<float> ForTrainer(string runDirectory, RunConfig config)
    {
        var saved = config with { DataPath = config.DataPath is { } p ? Path.GetFullPath(p) : null };
        return new TrainerCheckpoints<float>
        {
            Every = Every,
            Resume = Resume?.State,
            Write = state =>
            {
                new Checkpoint
                {
                    Config = saved,
                    Every = Every,
                    DataFingerprint = DataFingerprint,
                    Hdu = Hdu,
                    State = state,
                    ConfigToml = ConfigToml,
                }.Write(runDirectory);
                _last = state;
            },
        };
    }

    /// <summary>After an interrupted training: throws when there is no model to write (a multi-start, or no
    /// epoch finished), saying what was kept.</summary>
    internal void ThrowIfNothingToSave(TrainingResult training, int restarts, string runDirectory)
    {
        ThrowIfMultiStartStopped(restarts);
        if (!training.Interrupted)
        {
            return;
        }

        // A stopped multi-start threw above; a single run that stopped before its checkpoint callback ran has
        // nothing to resume from.
        if (_last is null)
        {
            throw new TrainingInterruptedException("interrupted before a checkpoint was taken; nothing was written");
        }

        if (training.BestEpoch == 0)
        {
            throw new TrainingInterruptedException(string.Create(CultureInfo.InvariantCulture,
                $"interrupted at epoch {_last.EpochsDone + 1}, step {_last.StepsDone}, before any epoch finished: " +
                $"no model yet; checkpoint written to {Checkpoint.PathIn(runDirectory)}; resume with: " +
                $"{ResumeCommand(runDirectory)}"))
            {
                RunDirectory = runDirectory,
                CheckpointPath = Checkpoint.PathIn(runDirectory),
            };
        }
    }

    /// <summary>Throws when a stop was requested during a multi-start. The best restart may well have finished
    /// before the signal (the later ones then never started), so its own result does not say it.</summary>
    internal void ThrowIfMultiStartStopped(int restarts)
    {
        if (restarts > 1 && Stop is { IsRequested: true })
        {
            throw new TrainingInterruptedException($"interrupted: a multi-start (--restarts {restarts}) is not " +
                "checkpointed; nothing was written");
        }
    }

    /// <summary>Copies the last checkpoint into the folder that will become the run directory.</summary>
    internal void CopyInto(string folder, TrainingResult training, string runDirectory)
    {
        if (training.Interrupted)
        {
            File.Copy(Checkpoint.PathIn(runDirectory), Checkpoint.PathIn(folder));
        }
    }

    /// <summary>After the run directory of an interrupted training was written: throws saying what is where.
    /// </summary>
    internal void ThrowIfInterrupted(TrainingResult training, string runDirectory)
    {
        if (!training.Interrupted || _last is null)
        {
            return;
        }

        throw new TrainingInterruptedException(string.Create(CultureInfo.InvariantCulture,
            $"interrupted at epoch {_last.EpochsDone + 1}, step {_last.StepsDone}: the best model so far " +
            $"(epoch {training.BestEpoch}) is in {runDirectory}, the checkpoint in " +
            $"{Checkpoint.PathIn(runDirectory)}; resume with: {ResumeCommand(runDirectory)}"))
        {
            RunDirectory = runDirectory,
            CheckpointPath = Checkpoint.PathIn(runDirectory),
            ModelWritten = true,
        };
    }

    /// <summary>The command line that resumes the run in <paramref name="runDirectory"/>, quoted for a POSIX
    /// shell where needed.</summary>
    public static string ResumeCommand(string runDirectory)
    {
        var full = Path.GetFullPath(runDirectory);
        var plain = full.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+:@".Contains(c, StringComparison.Ordinal));
        return "astrograd train --resume " + (plain ? full : "'" + full.Replace("'", "'\\''",
            StringComparison.Ordinal) + "'");
    }
}
