using System.Numerics;
using Astrograd.NN;

namespace Astrograd.Optim;

/// <summary>
/// Hands an optimizer the entries of an <see cref="OptimizerState{T}"/> by name, checking shapes, and remembers
/// which were taken so that an entry no one asked for is refused rather than silently dropped.
/// </summary>
internal sealed class OptimizerStateReader<T>(OptimizerState<T> state, IReadOnlyList<Parameter<T>> parameters)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public double? Scalar(string name)
    {
        _used.Add(name);
        return state.Scalars.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>A copy of the elements of tensor <paramref name="name"/>, or null when the state has none.</summary>
    public T[]? Tensor(string name, Shape expected)
    {
        _used.Add(name);
        if (!state.Tensors.TryGetValue(name, out var tensor))
        {
            return null;
        }

        if (!tensor.Shape.Equals(expected))
        {
            throw new ArgumentException(
                $"{state.Optimizer}: state tensor '{name}' has shape {tensor.Shape}, expected {expected}; " +
                "was it exported over other parameters?", nameof(state));
        }

        return tensor.ToArray();
    }

    /// <summary>A copy of the elements of the [rows, <paramref name="columns"/>] tensor <paramref name="name"/>
    /// (at most <paramref name="maxRows"/> rows), or null when the state has none.</summary>
    public T[]? Rows(string name, int columns, int maxRows)
    {
        _used.Add(name);
        if (!state.Tensors.TryGetValue(name, out var tensor))
        {
            return null;
        }

        if (tensor.Rank != 2 || tensor.Shape[1] != columns || tensor.Shape[0] > maxRows)
        {
            throw new ArgumentException(
                $"{state.Optimizer}: state tensor '{name}' has shape {tensor.Shape}, expected [rows <= {maxRows}, " +
                $"{columns}]; was it exported over other parameters or options?", nameof(state));
        }

        return tensor.ToArray();
    }

    /// <summary>The whole number <paramref name="name"/>, or 0 when absent.</summary>
    public long WholeNumber(string name)
    {
        var value = Scalar(name) ?? 0;
        if (value < 0 || value != Math.Floor(value) || value > long.MaxValue)
        {
            throw new ArgumentException(
                $"{state.Optimizer}: state scalar '{name}' must be a whole number >= 0, got {value}.",
                nameof(state));
        }

        return (long)value;
    }

    /// <summary>Replaces every <c>buffers[i]</c> by a copy of <c>{i}.{buffer}</c>, or null when absent.</summary>
    public void PerParameter(string buffer, T[]?[] buffers)
    {
        for (var i = 0; i < buffers.Length; i++)
        {
            buffers[i] = Tensor(OptimizerStateWriter<T>.Key(i, buffer), parameters[i].Shape);
        }
    }

    /// <summary>Replaces every <c>values[i]</c> by the whole number <c>{i}.{name}</c>, or 0 when absent.</summary>
    public void PerParameter(string name, long[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = WholeNumber(OptimizerStateWriter<T>.Key(i, name));
        }
    }

    /// <summary>Refuses the state when it holds an entry that no one read.</summary>
    public void CheckAllUsed()
    {
        foreach (var name in state.Scalars.Keys)
        {
            Refuse(name, "scalar");
        }

        foreach (var name in state.Tensors.Keys)
        {
            Refuse(name, "tensor");
        }
    }

    private void Refuse(string name, string kind)
    {
        if (!_used.Contains(name))
        {
            throw new ArgumentException(
                $"{state.Optimizer}: state {kind} '{name}' is not one this optimizer keeps (it has " +
                $"{parameters.Count} parameter(s)); was it exported over other parameters or options?",
                nameof(state));
        }
    }
}
