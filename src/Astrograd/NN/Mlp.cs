using System.Numerics;

namespace Astrograd.NN;

/// <summary>
/// The hyperparameters of a multilayer perceptron. Changing any of them means training again; the
/// parameters (weights and biases) are what training changes.
/// </summary>
/// <param name="Inputs">Features per sample (the input layer's width).</param>
/// <param name="Hidden">Neurons in each hidden layer, input side first (empty: a linear model).</param>
/// <param name="Outputs">Outputs per sample (1 for binary, classes for multiclass, targets for regression).</param>
/// <param name="Activation">The nonlinearity after every hidden layer (the output layer stays linear).</param>
/// <param name="Dropout">Dropout probability after every hidden activation (0: none).</param>
/// <param name="Init">Weight initialisation; the default follows the activation.</param>
public sealed record MlpSpec(int Inputs, IReadOnlyList<int> Hidden, int Outputs,
    Activation Activation = Activation.Tanh, double Dropout = 0, InitScheme Init = InitScheme.Default)
{
    /// <summary>Throws naming the first bad hyperparameter.</summary>
    public void Validate()
    {
        if (Inputs < 1 || Outputs < 1)
        {
            throw new ArgumentException($"Mlp: inputs and outputs must be >= 1, got {Inputs} and {Outputs}.");
        }

        if (Hidden.Any(h => h < 1))
        {
            throw new ArgumentException($"Mlp: every hidden layer needs >= 1 neuron, got " +
                $"[{string.Join(", ", Hidden)}].");
        }

        if (!(Dropout >= 0 && Dropout < 1))
        {
            throw new ArgumentException(FormattableString.Invariant($"Mlp: dropout must be in [0, 1), got {Dropout}."));
        }
    }
}

/// <summary>
/// A multilayer perceptron: Linear → activation (→ dropout) for each hidden layer, then a linear output
/// layer that produces logits or values. Parameters are named <c>layers.0.weight</c>, <c>layers.0.bias</c>, …
/// in the layout PyTorch's <c>nn.Sequential</c> of the same layers uses.
/// </summary>
public sealed class Mlp<T> : Module<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Sequential<T> _layers;
    private MlpInference<T>? _inference;

    /// <summary>A network of <paramref name="spec"/>, weights drawn from <paramref name="rng"/>.</summary>
    public Mlp(MlpSpec spec, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rng);
        spec.Validate();

        Spec = spec;
        var scheme = Astrograd.NN.Init.Resolve(spec.Init, spec.Activation.ToName());
        _layers = new Sequential<T>();
        var width = spec.Inputs;
        foreach (var h in spec.Hidden)
        {
            _layers.Add(new Linear<T>(width, h, rng, scheme));
            _layers.Add(new ActivationLayer<T>(spec.Activation));
            if (spec.Dropout > 0)
            {
                _layers.Add(new Dropout<T>(spec.Dropout, new Rng(rng.NextUInt64())));
            }

            width = h;
        }

        // The output layer feeds a loss on logits or values: Glorot suits it whatever the hidden activation.
        _layers.Add(new Linear<T>(width, spec.Outputs, rng, InitScheme.GlorotUniform));
        RegisterModule("layers", _layers);
    }

    /// <summary>The hyperparameters.</summary>
    public MlpSpec Spec { get; }

    /// <summary>The layers in order (Linear, activation, optional dropout, …, Linear).</summary>
    public IReadOnlyList<Module<T>> Layers => _layers.Layers;

    /// <summary>The dense layers in order.</summary>
    public IReadOnlyList<Linear<T>> LinearLayers => [.. _layers.Layers.OfType<Linear<T>>()];

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input) => _layers.Forward(input);

    /// <summary>
    /// The allocation-free inference path (reused scratch), or null when it does not apply: dropout kept on in
    /// evaluation (Monte Carlo dropout) needs the module path. Not for use from two threads at once.
    /// </summary>
    internal MlpInference<T>? Inference =>
        _layers.Layers.OfType<Dropout<T>>().Any(d => d.ActiveInEval) ? null : _inference ??= new(this, 256);
}
