using System.Numerics;

namespace Astrograd.NN;

/// <summary>How the weights of a layer are drawn before training.</summary>
public enum InitScheme
{
    /// <summary>Chosen from the activation: He for the ReLU family, Glorot uniform otherwise.</summary>
    Default,

    /// <summary>Glorot and Bengio (2010): U(−a, a) with a = √(6 / (fan_in + fan_out)).</summary>
    GlorotUniform,

    /// <summary>Glorot and Bengio (2010): N(0, 2 / (fan_in + fan_out)).</summary>
    GlorotNormal,

    /// <summary>He et al. (2015), for ReLU: U(−a, a) with a = √(6 / fan_in).</summary>
    HeUniform,

    /// <summary>He et al. (2015), for ReLU: N(0, 2 / fan_in).</summary>
    HeNormal,

    /// <summary>LeCun et al. (1998): U(−a, a) with a = √(3 / fan_in).</summary>
    LeCunUniform,

    /// <summary>LeCun et al. (1998): N(0, 1 / fan_in).</summary>
    LeCunNormal,
}

/// <summary>Fills weight buffers with random draws of a chosen scheme, from the caller's <see cref="Rng"/>.</summary>
public static class Init
{
    /// <summary>
    /// Fills <paramref name="weights"/> (a layer's [fan_out, fan_in] weight matrix) by <paramref name="scheme"/>.
    /// <see cref="InitScheme.Default"/> must be resolved first (see <see cref="Resolve"/>).
    /// </summary>
    public static void Fill<T>(Span<T> weights, int fanIn, int fanOut, InitScheme scheme, Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanOut);

        var (uniform, scale) = scheme switch
        {
            InitScheme.GlorotUniform => (true, Math.Sqrt(6.0 / (fanIn + fanOut))),
            InitScheme.GlorotNormal => (false, Math.Sqrt(2.0 / (fanIn + fanOut))),
            InitScheme.HeUniform => (true, Math.Sqrt(6.0 / fanIn)),
            InitScheme.HeNormal => (false, Math.Sqrt(2.0 / fanIn)),
            InitScheme.LeCunUniform => (true, Math.Sqrt(3.0 / fanIn)),
            InitScheme.LeCunNormal => (false, Math.Sqrt(1.0 / fanIn)),
            _ => throw new ArgumentException(
                $"Init.Fill: scheme {scheme} must be resolved to a concrete scheme first " +
                    $"(Init.Resolve).", nameof(scheme)),
        };

        for (var i = 0; i < weights.Length; i++)
        {
            var v = uniform ? rng.NextUniform(-scale, scale) : scale * rng.NextNormal();
            weights[i] = T.CreateChecked(v);
        }
    }

    /// <summary>The scheme <see cref="InitScheme.Default"/> stands for, given the layer's activation name.</summary>
    /// <param name="scheme">The requested scheme.</param>
    /// <param name="activation">The activation that follows the layer (for example "relu", "tanh").</param>
    public static InitScheme Resolve(InitScheme scheme, string activation)
    {
        if (scheme != InitScheme.Default)
        {
            return scheme;
        }

        return activation.ToLowerInvariant() switch
        {
            "relu" or "leakyrelu" or "leaky_relu" or "elu" or "gelu" or "silu" => InitScheme.HeUniform,
            _ => InitScheme.GlorotUniform,
        };
    }
}
