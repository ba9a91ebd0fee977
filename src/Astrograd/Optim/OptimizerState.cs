using System.Numerics;

namespace Astrograd.Optim;

/// <summary>
/// An optimizer's state as named numbers, for a checkpoint: made by <see cref="Optimizer{T}.ExportState"/> and
/// read back by <see cref="Optimizer{T}.ImportState"/>. Tensors hold the state buffers (per-parameter ones are
/// named <c>{index}.{buffer}</c>, shaped like their parameter), scalars the counters and the learning rate.
/// Immutable: the constructor copies the dictionaries, though not the tensors' elements.
/// </summary>
public sealed class OptimizerState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A state of the optimizer named <paramref name="optimizer"/> (<c>Adam</c>).</summary>
    public OptimizerState(string optimizer, IReadOnlyDictionary<string, double> scalars,
        IReadOnlyDictionary<string, Tensor<T>> tensors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(optimizer);
        ArgumentNullException.ThrowIfNull(scalars);
        ArgumentNullException.ThrowIfNull(tensors);
        foreach (var (name, tensor) in tensors)
        {
            if (tensor is null)
            {
                throw new ArgumentException($"OptimizerState: tensor '{name}' is null.", nameof(tensors));
            }
        }

        Optimizer = optimizer;
        Scalars = new Dictionary<string, double>(scalars, StringComparer.Ordinal);
        Tensors = new Dictionary<string, Tensor<T>>(tensors, StringComparer.Ordinal);
    }

    /// <summary>The name of the optimizer that exported this state (<see cref="Optimizer{T}.Name"/>).</summary>
    public string Optimizer { get; }

    /// <summary>Counters and settings by name: at least <c>steps</c> and <c>learning_rate</c>.</summary>
    public IReadOnlyDictionary<string, double> Scalars { get; }

    /// <summary>State buffers by name.</summary>
    public IReadOnlyDictionary<string, Tensor<T>> Tensors { get; }
}
