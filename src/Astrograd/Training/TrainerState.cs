using System.Globalization;
using System.Numerics;
using Astrograd.NN;
using Astrograd.Optim;

namespace Astrograd.Training;

/// <summary>
/// Everything <see cref="Trainer.Fit"/> needs to carry on exactly where it was, for a checkpoint: the weights,
/// the optimizer and schedule state, the random streams (shuffling and every dropout layer), early stopping's
/// best weights and counters, and the history. Taken between two steps, at an epoch boundary
/// (<see cref="StepsDone"/> = 0) or within an epoch; resuming from it gives the same bits as never stopping.
/// </summary>
/// <remarks>
/// Within an epoch the shuffle stream is kept as it was before that epoch's shuffle, so that the same order is
/// drawn again and the first <see cref="StepsDone"/> batches are skipped.
/// </remarks>
public sealed class TrainerState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Epochs finished (the history's length).</summary>
    public required int EpochsDone { get; init; }

    /// <summary>Steps already taken in epoch <see cref="EpochsDone"/> + 1 (0 at an epoch boundary).</summary>
    public required int StepsDone { get; init; }

    /// <summary>Σ batch loss × batch rows over those steps.</summary>
    public required double PartialLossSum { get; init; }

    /// <summary>The shuffle stream from which epoch <see cref="EpochsDone"/> + 1 draws its order.</summary>
    public required RngState ShuffleRng { get; init; }

    /// <summary>The stream of every dropout layer, in module order.</summary>
    public required IReadOnlyList<RngState> DropoutRngs { get; init; }

    /// <summary>The current weights, in <see cref="Module{T}.Parameters"/> order.</summary>
    public required IReadOnlyList<T[]> Weights { get; init; }

    /// <summary>Early stopping's best weights so far, in the same order.</summary>
    public required IReadOnlyList<T[]> BestWeights { get; init; }

    /// <summary>The best judged loss so far (+∞ before the first epoch).</summary>
    public required double BestLoss { get; init; }

    /// <summary>The epoch of <see cref="BestWeights"/> (0 before the first).</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Epochs since the best one.</summary>
    public required int SinceBest { get; init; }

    /// <summary>One report per finished epoch.</summary>
    public required IReadOnlyList<EpochReport> History { get; init; }

    /// <summary>The optimizer's state (<see cref="Optimizer{T}.ExportState"/>).</summary>
    public required OptimizerState<T> Optimizer { get; init; }

    /// <summary>The learning-rate plan's state (<see cref="LearningRatePlan.ExportState"/>); empty without one.
    /// </summary>
    public required IReadOnlyDictionary<string, double> Plan { get; init; }

    /// <summary>Seconds of training before this state (carried into the resumed run's clock).</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>Seconds of optimisation steps alone before this state.</summary>
    public double StepSeconds { get; init; }

    /// <summary>Puts this state into a freshly built model, optimizer, plan and shuffle stream (made as for a
    /// new run with the same seed and options); fills <paramref name="best"/> and <paramref name="history"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The state does not fit the model (other parameter shapes or dropout
    /// layers), the optimizer, the plan or the run (a position past its epochs or an epoch's batches).</exception>
    internal void Restore(IReadOnlyList<Parameter<T>> parameters, IReadOnlyList<Dropout<T>> dropouts,
        Optimizer<T> optimizer, LearningRatePlan? plan, Rng shuffle, T[][] best, List<EpochReport> history,
        (int Epochs, int Batches) run)
    {
        try
        {
            RestoreInto(parameters, dropouts, optimizer, plan, shuffle, best, history, run);
        }
        catch (ArgumentException e)
        {
            // One kind for every misfit, so that the caller can name the checkpoint the state came from.
            throw new InvalidDataException($"the state does not fit this run: {e.Message}", e);
        }
    }

    private void RestoreInto(IReadOnlyList<Parameter<T>> parameters, IReadOnlyList<Dropout<T>> dropouts,
        Optimizer<T> optimizer, LearningRatePlan? plan, Rng shuffle, T[][] best, List<EpochReport> history,
        (int Epochs, int Batches) run)
    {
        if (EpochsDone < 0 || EpochsDone >= run.Epochs || StepsDone < 0 || StepsDone >= run.Batches
            || History.Count != EpochsDone)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"TrainerState: the state stands at epoch {EpochsDone + 1}, step {StepsDone} with " +
                $"{History.Count} epochs of history; the run has {run.Epochs} epochs of {run.Batches} steps."));
        }

        if (Weights.Count != parameters.Count || BestWeights.Count != parameters.Count
            || DropoutRngs.Count != dropouts.Count)
        {
            throw new ArgumentException($"TrainerState: the state holds {Weights.Count} parameters and " +
                $"{DropoutRngs.Count} dropout streams; the model has {parameters.Count} and {dropouts.Count}.");
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            if (Weights[i].Length != parameters[i].Size || BestWeights[i].Length != parameters[i].Size)
            {
                throw new ArgumentException($"TrainerState: parameter {i} has {parameters[i].Size} elements, the " +
                    $"state {Weights[i].Length}.");
            }

            Weights[i].CopyTo(parameters[i].Span);
            BestWeights[i].CopyTo(best[i], 0);
        }

        for (var i = 0; i < dropouts.Count; i++)
        {
            dropouts[i].RestoreRng(DropoutRngs[i]);
        }

        // The plan first: a schedule sets the rate as it restores, and the optimizer's saved rate is the truth.
        plan?.ImportState(Plan);
        optimizer.ImportState(Optimizer);
        shuffle.Restore(ShuffleRng);
        history.AddRange(History);
    }

    /// <summary>The state of a loop between two steps.</summary>
    internal static TrainerState<T> Capture(IReadOnlyList<Parameter<T>> parameters, IReadOnlyList<Dropout<T>> dropouts,
        Optimizer<T> optimizer, LearningRatePlan? plan, RngState shuffle, T[][] best, List<EpochReport> history,
        (int Epochs, int Steps, double LossSum) position, (double Loss, int Epoch, int Since) early,
        (double Elapsed, double Steps) seconds) => new()
        {
            EpochsDone = position.Epochs,
            StepsDone = position.Steps,
            PartialLossSum = position.LossSum,
            ShuffleRng = shuffle,
            DropoutRngs = [.. dropouts.Select(d => d.SaveRng())],
            Weights = [.. parameters.Select(p => p.ToArray())],
            BestWeights = [.. best.Select(b => (T[])b.Clone())],
            BestLoss = early.Loss,
            BestEpoch = early.Epoch,
            SinceBest = early.Since,
            History = [.. history],
            Optimizer = optimizer.ExportState(),
            Plan = plan?.ExportState() ?? new Dictionary<string, double>(),
            ElapsedSeconds = seconds.Elapsed,
            StepSeconds = seconds.Steps,
        };
}

/// <summary>How <see cref="Trainer.Fit"/> checkpoints: every <see cref="Every"/> epochs, and when stopped by a
/// <see cref="StopSignal"/>, it hands a <see cref="TrainerState{T}"/> to <see cref="Write"/>.</summary>
public sealed class TrainerCheckpoints<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Epochs between checkpoints, ≥ 0; 0 writes one only when stopped.</summary>
    public int Every { get; init; }

    /// <summary>A state to resume from, or null to start afresh.</summary>
    public TrainerState<T>? Resume { get; init; }

    /// <summary>Saves a state; called on the training thread, between two steps.</summary>
    public Action<TrainerState<T>>? Write { get; init; }
}
