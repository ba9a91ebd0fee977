using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using Astrograd.Data;
using Astrograd.NN;
using Astrograd.Optim;

namespace Astrograd.Training;

/// <summary>
/// The training loop: epochs of shuffled mini-batches (forward, loss, backward, optimizer step), the
/// validation loss and main metric after each epoch, and early stopping that restores the best weights.
/// Progress goes to a callback; the library never writes to the console.
/// </summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="model"/> in place and returns the history.</summary>
    /// <param name="model">The network; left in evaluation mode, holding the best weights.</param>
    /// <param name="optimizer">The optimizer over the model's parameters.</param>
    /// <param name="objective">The loss.</param>
    /// <param name="train">Training rows.</param>
    /// <param name="validation">Validation rows for early stopping and the metric, or null.</param>
    /// <param name="options">Epochs, batch size, patience, shuffling seed.</param>
    /// <param name="onEpoch">Called after every epoch.</param>
    /// <param name="cancellation">Stops after the current step when cancelled.</param>
    /// <param name="plan">Moves the learning rate after each step and epoch (a schedule), or null to keep it.
    /// </param>
    /// <remarks>An optimizer that <see cref="Optimizer{T}.NeedsClosure"/> (L-BFGS) is stepped through
    /// <see cref="Optimizer{T}.Step(Func{T})"/> with a closure that evaluates the batch again, eagerly; the others
    /// replay a captured step graph.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TrainingResult Fit<T>(Module<T> model, Optimizer<T> optimizer, Objective objective,
        TrainingSet<T> train, TrainingSet<T>? validation, TrainerOptions options, Action<EpochReport>? onEpoch = null,
        CancellationToken cancellation = default, LearningRatePlan? plan = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (train.Rows == 0)
        {
            throw new ArgumentException("Trainer: there are no training rows.", nameof(train));
        }

        var sampler = new BatchSampler(train.Rows, options.BatchSize, options.Shuffle, new Rng(options.Seed));
        var batch = new BatchBuffers<T>(train, Math.Min(options.BatchSize, train.Rows));
        var history = new List<EpochReport>();
        var parameters = model.Parameters();
        var best = Snapshot(parameters);
        var bestLoss = double.PositiveInfinity;
        var bestEpoch = 0;
        var sinceBest = 0;
        var stoppedEarly = false;
        Divergence? divergence = null;
        // L-BFGS re-evaluates the loss inside its line search, so its closure runs eagerly.
        var capture = options.CaptureSteps && !optimizer.NeedsClosure;
        var steps = new StepGraphs<T>(model, objective, capture);
        var names = NamesOf(model, optimizer);
        var clock = Stopwatch.StartNew();
        var stepTicks = 0L;

        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            model.Train();
            sampler.NextEpoch();

            double lossSum = 0;
            var stepStart = Stopwatch.GetTimestamp();
            for (var step = 0; step < sampler.BatchCount; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                var rows = sampler.Batch(step);
                var (x, y, labels, v) = batch.Fill(rows);

                var learningRate = optimizer.LearningRate;
                string? badGradient = null;
                var value = optimizer.NeedsClosure
                    ? ClosureStep(optimizer, steps, x, y, labels, v)
                    : GradientStep(optimizer, steps, x, y, labels, v, names, out badGradient);
                if (!double.IsFinite(value) || badGradient is not null)
                {
                    // Stop at the first bad step: every later step would only spread NaN through the weights.
                    divergence = new Divergence(epoch, step + 1, learningRate, value) { Parameter = badGradient };
                    lossSum = double.NaN;
                    break;
                }

                lossSum += value * rows.Length;
                plan?.AfterStep(value, learningRate);
            }

            stepTicks += Stopwatch.GetTimestamp() - stepStart;

            var trainLoss = lossSum / train.Rows;
            if (divergence is not null)
            {
                history.Add(new EpochReport(epoch, options.Epochs, double.NaN, null,
                    Evaluation.MetricName(objective.Task), double.NaN, false, clock.Elapsed.TotalSeconds));
                onEpoch?.Invoke(history[^1]);
                break;
            }

            var (valLoss, metric) = validation is null
                ? (default(double?), Evaluation.MainMetric(model, objective, train).Metric)
                : Evaluation.MainMetric(model, objective, validation);
            var judged = valLoss ?? trainLoss;
            var isBest = judged < bestLoss - options.MinDelta || epoch == 1;
            if (isBest)
            {
                bestLoss = judged;
                bestEpoch = epoch;
                sinceBest = 0;
                Copy(parameters, best);
            }
            else
            {
                sinceBest++;
            }

            var report = new EpochReport(epoch, options.Epochs, trainLoss, valLoss,
                Evaluation.MetricName(objective.Task), metric, isBest, clock.Elapsed.TotalSeconds);
            history.Add(report);
            onEpoch?.Invoke(report);
            plan?.AfterEpoch(trainLoss, valLoss);

            if (validation is not null && options.Patience > 0 && sinceBest >= options.Patience)
            {
                stoppedEarly = epoch < options.Epochs;
                break;
            }
        }

        // Without validation the last weights are kept; with it, or after a divergence, the best ones come back.
        if (validation is not null || divergence is not null)
        {
            Restore(best, parameters);
        }
        else
        {
            bestEpoch = history.Count;
        }

        model.Eval();
        return new TrainingResult(history, bestEpoch, stoppedEarly, clock.Elapsed.TotalSeconds, optimizer.Steps)
        {
            Divergence = divergence,
            StepSeconds = (double)stepTicks / Stopwatch.Frequency,
            CapturedSteps = steps.EagerReason is null && capture,
        };
    }

    // Forward, and when the loss is finite backward and one update; returns the loss before the update.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double GradientStep<T>(Optimizer<T> optimizer, StepGraphs<T> steps, Tensor<T> x, Tensor<T>? y,
        int[] labels, Tensor<T>? v, string[] names, out string? badGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        badGradient = null;
        optimizer.ZeroGrad();
        var loss = steps.Forward(x, y, labels, v);
        var value = double.CreateTruncating(loss.Item());
        if (!double.IsFinite(value))
        {
            return value;
        }

        steps.Backward(loss);

        // A finite loss can still have an overflowing gradient; the update would then write NaN into the weights.
        var parameters = optimizer.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Grad is { } grad && !AllFinite<T>(grad.Span))
            {
                badGradient = names[i];
                return value;
            }
        }

        optimizer.Step();
        return value;
    }

    // x − x is 0 for every finite x and NaN for ±∞ and NaN.
    private static bool AllFinite<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        for (; i <= values.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            var v = new Vector<T>(values[i..]);
            if (!Vector.EqualsAll(v - v, Vector<T>.Zero))
            {
                return false;
            }
        }

        for (; i < values.Length; i++)
        {
            if (!T.IsFinite(values[i]))
            {
                return false;
            }
        }

        return true;
    }

    // The module's names of the optimizer's parameters, in the optimizer's order ("?" for one the module lacks).
    private static string[] NamesOf<T>(Module<T> model, Optimizer<T> optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var named = model.NamedParameters();
        return [.. optimizer.Parameters.Select(p =>
            named.FirstOrDefault(n => ReferenceEquals(n.Parameter, p)).Name ?? "?")];
    }

    // The closure API: the optimizer evaluates the batch as often as its line search needs.
    private static double ClosureStep<T>(Optimizer<T> optimizer, StepGraphs<T> steps, Tensor<T> x, Tensor<T>? y,
        int[] labels, Tensor<T>? v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var loss = optimizer.Step(() =>
        {
            optimizer.ZeroGrad();
            var l = steps.Forward(x, y, labels, v);
            steps.Backward(l);
            return l.Item();
        });
        return double.CreateTruncating(loss);
    }

    private static T[][] Snapshot<T>(IReadOnlyList<Parameter<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T> => [.. parameters.Select(p => p.ToArray())];

    private static void Copy<T>(IReadOnlyList<Parameter<T>> parameters, T[][] into)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            parameters[i].Span.CopyTo(into[i]);
        }
    }

    private static void Restore<T>(T[][] from, IReadOnlyList<Parameter<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            from[i].CopyTo(parameters[i].Span);
        }
    }
}
