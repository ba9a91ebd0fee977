namespace Astrograd.Training;

/// <summary>
/// A request, usually from another thread (a signal handler), that training stop after the step it is in.
/// <see cref="Trainer"/> reads it before every step: one volatile read, no allocation, unlike a cancellation
/// that would throw out of the loop and lose the state a checkpoint needs.
/// </summary>
public sealed class StopSignal
{
    private readonly Lock _gate = new();
    private volatile bool _requested;

    /// <summary>True once <see cref="Request"/> has been called.</summary>
    public bool IsRequested => _requested;

    /// <summary>Asks training to stop after the current step; safe from any thread, idempotent.</summary>
    public void Request() => _requested = true;

    /// <summary>Runs <paramref name="step"/>, a few file-system operations that must not be cut in half (such as
    /// the two renames that swap a run directory), so that <see cref="QuitBetweenSteps"/> waits for it.</summary>
    public void Uninterrupted(Action step)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_gate)
        {
            step();
        }
    }

    /// <summary>Runs <paramref name="quit"/> (which ends the process at once) when no <see cref="Uninterrupted"/>
    /// step is in progress.</summary>
    public void QuitBetweenSteps(Action quit)
    {
        ArgumentNullException.ThrowIfNull(quit);
        lock (_gate)
        {
            quit();
        }
    }
}
