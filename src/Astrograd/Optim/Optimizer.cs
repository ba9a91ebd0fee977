using System.Numerics;
using Astrograd.NN;

namespace Astrograd.Optim;

/// <summary>
/// Updates parameters from their gradients. <see cref="Step"/> applies one update from the gradients
/// accumulated by backward; <see cref="ZeroGrad"/> clears them before the next batch.
/// </summary>
public abstract class Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Takes the parameters to update, in a fixed order (the order of their state).</summary>
    protected Optimizer(IEnumerable<Parameter<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = [.. parameters];
        if (Parameters.Count == 0)
        {
            throw new ArgumentException($"{GetType().Name}: there are no parameters to optimise.", nameof(parameters));
        }
    }

    /// <summary>The parameters this optimizer updates.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The step size λ used by the next <see cref="Step"/>; schedules change it between epochs.</summary>
    public abstract double LearningRate { get; set; }

    /// <summary>The number of steps taken.</summary>
    public long Steps { get; protected set; }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public abstract void Step();

    /// <summary>Zeros every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        // An indexed loop: foreach over the interface would allocate an enumerator on every step.
        for (var i = 0; i < Parameters.Count; i++)
        {
            Parameters[i].ZeroGrad();
        }
    }
}
