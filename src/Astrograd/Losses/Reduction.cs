namespace Astrograd.Losses;

/// <summary>
/// How per-element losses become one number. The choice rescales the gradient and so, in effect, the
/// learning rate: for predictions [1, 2] and targets [0, 0], mean squared error is 2.5 with gradient
/// [1, 2], the summed squared error 5 with gradient [2, 4].
/// </summary>
public enum Reduction
{
    /// <summary>The (weighted) mean: Σ wᵢ lᵢ / Σ wᵢ (all wᵢ = 1 without weights).</summary>
    Mean,

    /// <summary>The (weighted) sum: Σ wᵢ lᵢ.</summary>
    Sum,
}
