using System.Numerics;

namespace Astrograd.NN;

/// <summary>A parameter-free module applying one nonlinearity elementwise (see <see cref="Activation"/>).</summary>
public sealed class ActivationLayer<T> : Module<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A layer applying <paramref name="activation"/>.</summary>
    public ActivationLayer(Activation activation) => Activation = activation;

    /// <summary>The nonlinearity.</summary>
    public Activation Activation { get; }

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input) => input.Apply(Activation);
}
