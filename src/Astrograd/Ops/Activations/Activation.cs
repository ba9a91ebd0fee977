using System.Numerics;
using System.Text;

namespace Astrograd;

/// <summary>
/// The elementwise activations a layer can be configured with, by name. Each applies with its default
/// parameters; see <see cref="ActivationExtensions.Apply{T}"/>.
/// </summary>
public enum Activation
{
    /// <summary>f(x) = x: a linear layer.</summary>
    Identity,

    /// <summary>f(x) = 1 / (1 + e^(−x)); see <see cref="Tensor{T}.Sigmoid"/>.</summary>
    Sigmoid,

    /// <summary>f(x) = tanh(x); see <see cref="Tensor{T}.Tanh"/>.</summary>
    Tanh,

    /// <summary>f(x) = max(x, 0), with f′(0) = 0; see <see cref="Tensor{T}.Relu"/>.</summary>
    Relu,

    /// <summary>f(x) = x for x &gt; 0, else 0.01x; see <see cref="Tensor{T}.LeakyRelu"/>.</summary>
    LeakyRelu,

    /// <summary>f(x) = x for x &gt; 0, else eˣ − 1 (α = 1); see <see cref="Tensor{T}.Elu"/>.</summary>
    Elu,

    /// <summary>f(x) = log(1 + eˣ) (β = 1, linear above x = 20); see <see cref="Tensor{T}.Softplus"/>.</summary>
    Softplus,

    /// <summary>f(x) = x · Φ(x), exact; see <see cref="Tensor{T}.Gelu"/>.</summary>
    Gelu,

    /// <summary>f(x) = x · σ(x); see <see cref="Tensor{T}.Silu"/>.</summary>
    Silu,
}

/// <summary>Applying an <see cref="Activation"/> to a tensor, and converting activations to and from names.</summary>
public static class ActivationExtensions
{
    private static readonly string[] _canonicalNames =
        ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "gelu", "silu"];

    /// <summary>The accepted names, one per activation, in the order of the enum (for help texts).</summary>
    public static IReadOnlyList<string> Names => _canonicalNames;

    /// <summary>Applies <paramref name="activation"/> elementwise with its default parameters; same shape.</summary>
    public static Tensor<T> Apply<T>(this Tensor<T> x, Activation activation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return activation switch
        {
            Activation.Identity => x.Identity(),
            Activation.Sigmoid => x.Sigmoid(),
            Activation.Tanh => x.Tanh(),
            Activation.Relu => x.Relu(),
            Activation.LeakyRelu => x.LeakyRelu(),
            Activation.Elu => x.Elu(),
            Activation.Softplus => x.Softplus(),
            Activation.Gelu => x.Gelu(),
            Activation.Silu => x.Silu(),
            _ => throw new ArgumentOutOfRangeException(nameof(activation),
                $"Activation: unknown value {(int)activation}; valid: {string.Join(", ", _canonicalNames)}."),
        };
    }

    /// <summary>The canonical lower-case name of <paramref name="activation"/> ("leaky_relu" for LeakyRelu).</summary>
    public static string ToName(this Activation activation)
    {
        var i = (int)activation;
        if ((uint)i >= (uint)_canonicalNames.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(activation),
                $"Activation: unknown value {i}; valid: {string.Join(", ", _canonicalNames)}.");
        }

        return _canonicalNames[i];
    }

    /// <summary>
    /// The activation named <paramref name="name"/>, ignoring case, '_', '-' and spaces ("ReLU", "leaky_relu",
    /// "LeakyReLU" and "leaky-relu" all work); "linear" is accepted for identity and "swish" for silu.
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the valid names.</exception>
    public static Activation Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryParse(name, out var activation))
        {
            return activation;
        }

        throw new ArgumentException(
            $"Unknown activation '{name}'; valid names: {string.Join(", ", _canonicalNames)}.", nameof(name));
    }

    /// <summary>Like <see cref="Parse"/>, returning false instead of throwing for an unknown name.</summary>
    public static bool TryParse(string? name, out Activation activation)
    {
        activation = Activation.Identity;
        if (name is null)
        {
            return false;
        }

        var key = Normalize(name);
        for (var i = 0; i < _canonicalNames.Length; i++)
        {
            if (key == Normalize(_canonicalNames[i]))
            {
                activation = (Activation)i;
                return true;
            }
        }

        switch (key)
        {
            case "linear":
                activation = Activation.Identity;
                return true;
            case "swish":
                activation = Activation.Silu;
                return true;
            default:
                return false;
        }
    }

    // Lower case without separators, so that "Leaky_ReLU" and "leakyrelu" compare equal.
    private static string Normalize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is not ('_' or '-' or ' '))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }
}
