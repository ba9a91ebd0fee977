namespace Astrograd.Training;

/// <summary>
/// A request, usually from another thread (a signal handler), that training stop after the step it is in.
/// <see cref="Trainer"/> reads it before every step: one volatile read, no allocation, unlike a cancellation
/// that would throw out of the loop and lose the state a checkpoint needs.
/// </summary>
public sealed class StopSignal
{
    private volatile bool _requested;

    /// <summary>True once <see cref="Request"/> has been called.</summary>
    public bool IsRequested => _requested;

    /// <summary>Asks training to stop after the current step; safe from any thread, idempotent.</summary>
    public void Request() => _requested = true;
}
