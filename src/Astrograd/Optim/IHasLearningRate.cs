namespace Astrograd.Optim;

/// <summary>
/// Something whose learning rate a schedule may set: every <see cref="Optimizer{T}"/>, whatever its element
/// type, so that schedules need no type argument.
/// </summary>
public interface IHasLearningRate
{
    /// <summary>The step size λ used by the next step; setting it checks the value (finite, ≥ 0).</summary>
    double LearningRate { get; set; }
}
