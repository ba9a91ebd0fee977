using System.Numerics;

namespace Astrograd.NN;

/// <summary>Modules applied one after the other: the output of each is the input of the next.</summary>
public sealed class Sequential<T> : Module<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<Module<T>> _layers = [];

    /// <summary>A chain of <paramref name="layers"/>, registered as "0", "1", …</summary>
    public Sequential(params Module<T>[] layers)
    {
        foreach (var layer in layers)
        {
            Add(layer);
        }
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Module<T>> Layers => _layers;

    /// <summary>Appends a layer (registered under its index).</summary>
    public Sequential<T> Add(Module<T> layer)
    {
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
        return this;
    }

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        var x = input;
        foreach (var layer in _layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }
}
