namespace Astrograd.Training;

/// <summary>Options of a training loop; checked by <see cref="Validate"/> before training starts.</summary>
/// <param name="Epochs">Passes over the training rows, ≥ 1.</param>
/// <param name="BatchSize">Rows per mini-batch, ≥ 1 (the last batch of an epoch may be smaller).</param>
/// <param name="Patience">Epochs without a better validation loss before stopping; 0 turns early stopping off.</param>
/// <param name="Seed">Seed of the batch shuffling.</param>
/// <param name="Shuffle">Reshuffle the rows every epoch.</param>
/// <param name="MinDelta">How much lower a validation loss must be to count as better.</param>
public sealed record TrainerOptions(int Epochs = 100, int BatchSize = 64, int Patience = 10, ulong Seed = 0,
    bool Shuffle = true, double MinDelta = 0)
{
    /// <summary>
    /// Record the training step once per batch size and replay it (no allocation per step; same bits as eager
    /// steps); false runs every step eagerly. Models with ops that cannot be replayed run eagerly regardless.
    /// </summary>
    public bool CaptureSteps { get; init; } = true;

    /// <summary>
    /// Gradient-norm clipping: after each backward pass, when the total L2 norm of all gradients exceeds this
    /// limit they are scaled by limit / (norm + 1e-6) before the update (see <see
    /// cref="Optim.GradientClipping.ClipTotalNorm{T}"/>); null turns clipping off.
    /// </summary>
    public double? ClipGradNorm { get; init; }

    /// <summary>Throws naming the first bad option.</summary>
    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), $"epochs must be >= 1, got {Epochs}.");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), $"batch size must be >= 1, got {BatchSize}.");
        }

        if (Patience < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Patience), $"patience must be >= 0, got {Patience}.");
        }

        if (ClipGradNorm is { } clip && (!(clip > 0) || !double.IsFinite(clip)))
        {
            throw new ArgumentOutOfRangeException(nameof(ClipGradNorm),
                $"the gradient-norm limit must be a finite number > 0, got {clip}.");
        }

        if (!(MinDelta >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MinDelta),
                FormattableString.Invariant($"min delta must be >= 0, got {MinDelta}."));
        }
    }
}

/// <summary>What one epoch did, as reported to the progress callback and kept in the history.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">The epochs planned.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches (weighted by batch size).</param>
/// <param name="ValidationLoss">Loss on the validation rows, or null without validation.</param>
/// <param name="MetricName">The main metric's short name (accuracy, rmse).</param>
/// <param name="Metric">The main metric on the validation rows (training rows without validation).</param>
/// <param name="IsBest">True when this epoch has the best validation loss so far.</param>
/// <param name="ElapsedSeconds">Seconds since training started.</param>
public sealed record EpochReport(int Epoch, int Epochs, double TrainLoss, double? ValidationLoss, string MetricName,
    double Metric, bool IsBest, double ElapsedSeconds)
{
    /// <summary>λ at the epoch's first step (a schedule moves it between epochs); NaN when not known (a history
    /// kept by a checkpoint written before it was recorded).</summary>
    public double LearningRate { get; init; } = double.NaN;
}

/// <summary>The outcome of a training loop.</summary>
/// <param name="History">One report per epoch run.</param>
/// <param name="BestEpoch">The epoch whose weights the model holds at the end.</param>
/// <param name="StoppedEarly">True when early stopping ended training before the planned epochs.</param>
/// <param name="TrainSeconds">Seconds spent in the training loop alone.</param>
/// <param name="Steps">Optimizer steps taken.</param>
public sealed record TrainingResult(IReadOnlyList<EpochReport> History, int BestEpoch, bool StoppedEarly,
    double TrainSeconds, long Steps)
{
    /// <summary>Where the loss first became NaN or infinite, or null when training stayed finite.</summary>
    public Divergence? Divergence { get; init; }

    /// <summary>True when a <see cref="StopSignal"/> ended training before the planned epochs.</summary>
    public bool Interrupted { get; init; }

    /// <summary>
    /// Seconds spent in the optimisation steps alone (batching, forward, backward, update), without the per-epoch
    /// evaluation that <see cref="TrainSeconds"/> includes: the figure to compare with another framework's loop.
    /// </summary>
    public double StepSeconds { get; init; }

    /// <summary>True when the steps ran as a replayed <see cref="CapturedGraph{T}"/>, false when eagerly.</summary>
    public bool CapturedSteps { get; init; }

    /// <summary>Steps whose gradients were scaled down by <see cref="TrainerOptions.ClipGradNorm"/>.</summary>
    public long ClippedSteps { get; init; }
}

/// <summary>The step at which training stopped because the loss, or a gradient, was no longer finite.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Step">1-based step within the epoch.</param>
/// <param name="LearningRate">The learning rate in use.</param>
/// <param name="Loss">The loss value (NaN or ±∞).</param>
public sealed record Divergence(int Epoch, int Step, double LearningRate, double Loss)
{
    /// <summary>The parameter whose gradient held NaN or ±∞ while the loss was still finite; null when the loss
    /// itself was the first to go bad.</summary>
    public string? Parameter { get; init; }

    /// <summary>The parameter holding the largest weight magnitude when training stopped (before the good weights
    /// were restored): where the weights ran away. Null for a model without parameters.</summary>
    public string? Weight { get; init; }

    /// <summary>The largest |w| in <see cref="Weight"/>; +∞ when it holds NaN or ±∞.</summary>
    public double WeightMagnitude { get; init; } = double.NaN;
}
