using System.Numerics;

namespace Astrograd.NN;

/// <summary>
/// A dense layer: y = x · Wᵀ + b. Input x is [n, in] (one sample a row), weight W is [out, in], bias b is
/// [out], output y is [n, out]. Row i of y is Wxᵢ + b, the pre-activations of <c>out</c> neurons.
/// </summary>
public sealed class Linear<T> : Module<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A layer from <paramref name="inFeatures"/> to <paramref name="outFeatures"/>, weights drawn from
    /// <paramref name="rng"/>.</summary>
    /// <param name="inFeatures">Inputs per sample.</param>
    /// <param name="outFeatures">Neurons (outputs per sample).</param>
    /// <param name="rng">The generator for the initial weights.</param>
    /// <param name="init">The weight scheme; <see cref="InitScheme.Default"/> means Glorot uniform here.</param>
    /// <param name="bias">Whether the layer has a bias (initialised to zero; the weights break the symmetry).</param>
    public Linear(int inFeatures, int outFeatures, Rng rng, InitScheme init = InitScheme.Default, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        ArgumentNullException.ThrowIfNull(rng);

        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        var weight = new Parameter<T>(new Shape(outFeatures, inFeatures), new T[outFeatures * inFeatures]);
        var scheme = init == InitScheme.Default ? InitScheme.GlorotUniform : init;
        Init.Fill(weight.Span, inFeatures, outFeatures, scheme, rng);
        Weight = RegisterParameter("weight", weight);
        if (bias)
        {
            Bias = RegisterParameter("bias", new Parameter<T>(new Shape(outFeatures), new T[outFeatures]));
        }
    }

    /// <summary>Inputs per sample.</summary>
    public int InFeatures { get; }

    /// <summary>Outputs per sample.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight matrix W, [out, in].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>The bias b, [out], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input) => input.Linear(Weight, Bias);
}
