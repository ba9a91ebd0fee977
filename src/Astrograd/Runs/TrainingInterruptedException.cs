namespace Astrograd.Runs;

/// <summary>
/// Training was stopped by a <see cref="Astrograd.Training.StopSignal"/> (Ctrl-C, SIGTERM) after it had
/// written what could be saved: the checkpoint and, once an epoch had finished, the best model so far. The
/// message says where they are and how to resume.
/// </summary>
public sealed class TrainingInterruptedException : Exception
{
    /// <summary>Creates the exception with a complete one-line message.</summary>
    public TrainingInterruptedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a complete one-line message, wrapping its cause.</summary>
    public TrainingInterruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message of its own (for serializers and frameworks).</summary>
    public TrainingInterruptedException()
    {
    }

    /// <summary>The run directory, or null when nothing was written (a multi-start).</summary>
    public string? RunDirectory { get; init; }

    /// <summary>The checkpoint file written, or null.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>True when the run directory holds a complete, loadable model (the best so far).</summary>
    public bool ModelWritten { get; init; }
}
