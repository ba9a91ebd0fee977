using System.Numerics;

namespace Astrograd.NN;

/// <summary>
/// A piece of a network: a function <see cref="Forward"/> with parameters registered under checked names.
/// Submodules and parameters are listed in registration order, depth first, so the order of
/// <see cref="Parameters"/> (and so of saved weights and optimizer state) is fixed by the code.
/// </summary>
public abstract class Module<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Parameters and submodules in one list, so that the listing keeps the true registration order.
    private readonly List<(string Name, Parameter<T>? Parameter, Module<T>? Module)> _entries = [];

    /// <summary>True in training mode (dropout active), false in evaluation mode.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Computes the module's output for a batch <paramref name="input"/> (rows are samples).</summary>
    public abstract Tensor<T> Forward(Tensor<T> input);

    /// <summary>Every parameter of this module and its submodules, in registration order.</summary>
    public IReadOnlyList<Parameter<T>> Parameters() => [.. NamedParameters().Select(p => p.Parameter)];

    /// <summary>Every parameter with its dotted path name (<c>layers.0.weight</c>), in registration order.</summary>
    public IReadOnlyList<(string Name, Parameter<T> Parameter)> NamedParameters()
    {
        var result = new List<(string, Parameter<T>)>();
        Collect(string.Empty, result);
        return result;
    }

    /// <summary>This module and every submodule, depth first in registration order (this one first).</summary>
    public IReadOnlyList<Module<T>> Modules()
    {
        var result = new List<Module<T>> { this };
        foreach (var (_, _, m) in _entries)
        {
            if (m is not null)
            {
                result.AddRange(m.Modules());
            }
        }

        return result;
    }

    /// <summary>The total number of trainable scalars.</summary>
    public int ParameterCount() => Parameters().Sum(p => p.Size);

    /// <summary>Switches this module and its submodules to training mode.</summary>
    public Module<T> Train() => SetMode(true);

    /// <summary>Switches this module and its submodules to evaluation mode (dropout off).</summary>
    public Module<T> Eval() => SetMode(false);

    /// <summary>Zeros the gradient of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
        {
            p.ZeroGrad();
        }
    }

    /// <summary>Registers <paramref name="parameter"/> under <paramref name="name"/> (letters, digits, '_';
    /// unique).</summary>
    protected Parameter<T> RegisterParameter(string name, Parameter<T> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        CheckName(name);
        _entries.Add((name, parameter, null));
        return parameter;
    }

    /// <summary>Registers a submodule under <paramref name="name"/>; its parameters are listed as
    /// <c>name.param</c>.</summary>
    protected TModule RegisterModule<TModule>(string name, TModule module)
        where TModule : Module<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckName(name);
        _entries.Add((name, null, module));
        return module;
    }

    private void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                throw new ArgumentException(
                    $"{GetType().Name}: '{name}' is not a valid parameter or module name (letters, digits and '_' " +
                        $"only).",
                    nameof(name));
            }
        }

        if (_entries.Exists(e => e.Name == name))
        {
            throw new ArgumentException($"{GetType().Name}: the name '{name}' is already registered.", nameof(name));
        }
    }

    private void Collect(string prefix, List<(string, Parameter<T>)> into)
    {
        foreach (var (name, p, m) in _entries)
        {
            if (p is not null)
            {
                into.Add((prefix + name, p));
            }
            else
            {
                m!.Collect(prefix + name + ".", into);
            }
        }
    }

    private Module<T> SetMode(bool training)
    {
        IsTraining = training;
        foreach (var (_, _, m) in _entries)
        {
            m?.SetMode(training);
        }

        return this;
    }
}
