using System.Numerics;

namespace Astrograd.NN;

/// <summary>
/// Dropout (Srivastava et al., 2014): in training mode each element is zeroed with probability p and the
/// survivors are scaled by 1/(1 − p), so the expected output equals the input; in evaluation mode it is
/// the identity. The mask comes from the module's own seeded <see cref="Rng"/>.
/// </summary>
public sealed class Dropout<T> : Module<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private Rng _rng;

    /// <summary>Dropout with drop probability <paramref name="probability"/> in [0, 1).</summary>
    public Dropout(double probability, Rng rng)
    {
        if (!(probability >= 0 && probability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability),
                FormattableString.Invariant($"Dropout: the probability must be in [0, 1), got {probability}."));
        }

        ArgumentNullException.ThrowIfNull(rng);
        Probability = probability;
        _rng = rng;
    }

    /// <summary>The probability that an element is dropped.</summary>
    public double Probability { get; }

    /// <summary>Draws the masks from <paramref name="rng"/> from now on (a seeded Monte Carlo dropout run).
    /// </summary>
    internal void Reseed(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        _rng = rng;
    }

    /// <summary>Keeps dropout active in evaluation mode too (Monte Carlo dropout for uncertainty).</summary>
    public bool ActiveInEval { get; set; }

    /// <summary>The mask stream's state, for a checkpoint.</summary>
    public RngState SaveRng() => _rng.Save();

    /// <summary>Continues the mask stream from <paramref name="state"/> (from <see cref="SaveRng"/>).</summary>
    public void RestoreRng(RngState state) => _rng.Restore(state);

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Probability == 0 || (!IsTraining && !ActiveInEval))
        {
            return input;
        }

        return input.Dropout(Probability, _rng);
    }
}
