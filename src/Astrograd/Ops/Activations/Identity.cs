namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>The identity activation: returns this tensor itself (no copy and no graph node).</summary>
    /// <remarks>Its derivative is 1, so gradients reach this tensor unchanged; a layer configured with
    /// <see cref="Activation.Identity"/> is linear.</remarks>
    public Tensor<T> Identity() => this;
}
