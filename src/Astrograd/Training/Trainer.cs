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
    /// <param name="stop">When requested, training stops before the next step, hands its state to
    /// <paramref name="checkpoints"/> and returns a result marked <see cref="TrainingResult.Interrupted"/>.</param>
    /// <param name="checkpoints">Resumes from a state and writes states every few epochs, or null.</param>
    /// <remarks>An optimizer that <see cref="Optimizer{T}.NeedsClosure"/> (L-BFGS) is stepped through
    /// <see cref="Optimizer{T}.Step(Func{T})"/> with a closure that evaluates the batch again, eagerly; the others
    /// replay a captured step graph.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TrainingResult Fit<T>(Module<T> model, Optimizer<T> optimizer, Objective objective,
        TrainingSet<T> train, TrainingSet<T>? validation, TrainerOptions options, Action<EpochReport>? onEpoch = null,
        CancellationToken cancellation = default, LearningRatePlan? plan = null, StopSignal? stop = null,
        TrainerCheckpoints<T>? checkpoints = null)
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

        var shuffle = new Rng(options.Seed);
        var sampler = new BatchSampler(train.Rows, options.BatchSize, options.Shuffle, shuffle);
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
        // Counted from this process's start: a resumed run reports the clipped steps since it resumed.
        var clippedSteps = 0L;
        var dropouts = model.Modules().OfType<Dropout<T>>().ToList();
        if (optimizer.NeedsClosure && dropouts.Any(d => d.Probability > 0))
        {
            // The line search compares losses at several points of one step: new masks at each are noise to it.
            throw new ArgumentException($"Trainer: {optimizer.GetType().Name.Split('`')[0]} re-evaluates the loss " +
                "within a step and needs the same loss each time, but the model has dropout, which draws new masks " +
                "for every evaluation; train without dropout or with another optimizer.", nameof(optimizer));
        }

        var (firstEpoch, firstStep, carriedLoss, secondsBefore) = (1, 0, 0.0, (Elapsed: 0.0, Steps: 0.0));
        if (checkpoints?.Resume is { } resume)
        {
            resume.Restore(parameters, dropouts, optimizer, plan, shuffle, best, history,
                (options.Epochs, sampler.BatchCount));
            (bestLoss, bestEpoch, sinceBest) = (resume.BestLoss, resume.BestEpoch, resume.SinceBest);
            (firstEpoch, firstStep, carriedLoss) = (resume.EpochsDone + 1, resume.StepsDone, resume.PartialLossSum);
            secondsBefore = (resume.ElapsedSeconds, resume.StepSeconds);
        }

        TrainerState<T> Capture(int epochsDone, int stepsDone, double lossSum, RngState shuffled) =>
            TrainerState<T>.Capture(parameters, dropouts, optimizer, plan, shuffled, best, history,
                (epochsDone, stepsDone, lossSum), (bestLoss, bestEpoch, sinceBest),
                (secondsBefore.Elapsed + clock.Elapsed.TotalSeconds,
                    secondsBefore.Steps + ((double)stepTicks / Stopwatch.Frequency)));

        var interrupted = false;
        for (var epoch = firstEpoch; epoch <= options.Epochs; epoch++)
        {
            model.Train();
            var beforeShuffle = shuffle.Save();
            sampler.NextEpoch();

            var resumed = epoch == firstEpoch;
            var lossSum = resumed ? carriedLoss : 0;
            var epochLearningRate = optimizer.LearningRate;
            var stepStart = Stopwatch.GetTimestamp();
            for (var step = resumed ? firstStep : 0; step < sampler.BatchCount; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                if (stop is { IsRequested: true })
                {
                    stepTicks += Stopwatch.GetTimestamp() - stepStart;
                    stepStart = Stopwatch.GetTimestamp();
                    checkpoints?.Write?.Invoke(Capture(epoch - 1, step, lossSum, beforeShuffle));
                    interrupted = true;
                    break;
                }

                var rows = sampler.Batch(step);
                var (x, y, labels, v) = batch.Fill(rows);

                var learningRate = optimizer.LearningRate;
                string? badGradient = null;
                var value = optimizer.NeedsClosure
                    ? ClosureStep(optimizer, steps, x, y, labels, v, names, options.ClipGradNorm, ref clippedSteps,
                        out badGradient)
                    : GradientStep(optimizer, steps, x, y, labels, v, names, options.ClipGradNorm, ref clippedSteps,
                        out badGradient);
                if (!double.IsFinite(value) || badGradient is not null)
                {
                    // Stop at the first bad step: every later step would only spread NaN through the weights.
                    var (weight, magnitude) = LargestWeight(optimizer.Parameters, names);
                    divergence = new Divergence(epoch, step + 1, learningRate, value)
                    {
                        Parameter = badGradient,
                        Weight = weight,
                        WeightMagnitude = magnitude,
                    };
                    lossSum = double.NaN;
                    break;
                }

                lossSum += value * rows.Length;
                plan?.AfterStep(value, learningRate);
            }

            stepTicks += Stopwatch.GetTimestamp() - stepStart;
            if (interrupted)
            {
                break;
            }

            var trainLoss = lossSum / train.Rows;
            if (divergence is not null)
            {
                history.Add(new EpochReport(epoch, options.Epochs, double.NaN, null,
                    Evaluation.MetricName(objective.Task), double.NaN, false,
                    secondsBefore.Elapsed + clock.Elapsed.TotalSeconds)
                {
                    LearningRate = epochLearningRate,
                });
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
                Evaluation.MetricName(objective.Task), metric, isBest,
                secondsBefore.Elapsed + clock.Elapsed.TotalSeconds)
            {
                LearningRate = epochLearningRate,
            };
            history.Add(report);
            onEpoch?.Invoke(report);
            plan?.AfterEpoch(trainLoss, valLoss);

            if (validation is not null && options.Patience > 0 && sinceBest >= options.Patience)
            {
                stoppedEarly = epoch < options.Epochs;
                break;
            }

            // Only while training goes on: a checkpoint of the last epoch would have nothing left to resume.
            if (checkpoints is { Every: > 0 } every && epoch % every.Every == 0 && epoch < options.Epochs)
            {
                every.Write?.Invoke(Capture(epoch, 0, 0, shuffle.Save()));
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
        return new TrainingResult(history, bestEpoch, stoppedEarly, secondsBefore.Elapsed + clock.Elapsed.TotalSeconds,
            optimizer.Steps)
        {
            Divergence = divergence,
            Interrupted = interrupted,
            StepSeconds = secondsBefore.Steps + ((double)stepTicks / Stopwatch.Frequency),
            CapturedSteps = steps.EagerReason is null && capture,
            ClippedSteps = clippedSteps,
        };
    }

    // Forward, and when the loss is finite backward, clipping (if asked) and one update; returns the loss before
    // the update.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double GradientStep<T>(Optimizer<T> optimizer, StepGraphs<T> steps, Tensor<T> x, Tensor<T>? y,
        int[] labels, Tensor<T>? v, string[] names, double? maxNorm, ref long clipped, out string? badGradient)
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
        if (FirstNonFiniteGradient(parameters) is { } bad)
        {
            badGradient = names[bad];
            return value;
        }

        // After the finiteness check: a NaN gradient must stop training, not be scaled into the weights.
        Clip(parameters, maxNorm, ref clipped);
        optimizer.Step();
        return value;
    }

    private static void Clip<T>(IReadOnlyList<Parameter<T>> parameters, double? maxNorm, ref long clipped)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (maxNorm is { } limit && GradientClipping.ClipTotalNorm(parameters, limit) > limit)
        {
            clipped++;
        }
    }

    // The parameter holding the largest |w| (a NaN or ±∞ counts as largest), for the divergence message: it says
    // where the weights ran away. Runs once, when training stops.
    private static (string? Name, double Magnitude) LargestWeight<T>(IReadOnlyList<Parameter<T>> parameters,
        string[] names)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string? name = null;
        var largest = -1.0;
        for (var i = 0; i < parameters.Count; i++)
        {
            foreach (var w in parameters[i].Span)
            {
                var m = T.IsFinite(w) ? Math.Abs(double.CreateTruncating(w)) : double.PositiveInfinity;
                if (m > largest)
                {
                    (name, largest) = (names[i], m);
                }
            }

            if (double.IsPositiveInfinity(largest))
            {
                break;
            }
        }

        return (name, name is null ? double.NaN : largest);
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
    // Clipping applies to every evaluation of the line search, so that it sees the gradients it steps along.
    // Every evaluation with a finite loss checks its gradients, as a gradient step does: a NaN or infinite one ends
    // the step there, naming its parameter, before the line search can step along it. (A non-finite loss at a trial
    // point is the line search's to handle: it counts as a step too long.)
    private static double ClosureStep<T>(Optimizer<T> optimizer, StepGraphs<T> steps, Tensor<T> x, Tensor<T>? y,
        int[] labels, Tensor<T>? v, string[] names, double? maxNorm, ref long clipped, out string? badGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        badGradient = null;
        var count = 0L;
        try
        {
            var loss = optimizer.Step(() =>
            {
                optimizer.ZeroGrad();
                var l = steps.Forward(x, y, labels, v);
                steps.Backward(l);
                var value = l.Item();
                if (T.IsFinite(value) && FirstNonFiniteGradient(optimizer.Parameters) is { } bad)
                {
                    throw new NonFiniteGradientException(bad, double.CreateTruncating(value));
                }

                Clip(optimizer.Parameters, maxNorm, ref count);
                return value;
            });
            return double.CreateTruncating(loss);
        }
        catch (NonFiniteGradientException e)
        {
            badGradient = names[e.Parameter];
            return e.Loss;
        }
        finally
        {
            clipped += count > 0 ? 1 : 0;
        }
    }

    // The position of the first parameter whose gradient holds NaN or ±∞, or null.
    private static int? FirstNonFiniteGradient<T>(IReadOnlyList<Parameter<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Grad is { } grad && !AllFinite<T>(grad.Span))
            {
                return i;
            }
        }

        return null;
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

    // Ends an L-BFGS step from inside its closure when a gradient is no longer finite; caught by ClosureStep.
    private sealed class NonFiniteGradientException(int parameter, double loss)
        : Exception("a gradient became NaN or infinite")
    {
        public int Parameter { get; } = parameter;

        public double Loss { get; } = loss;
    }
}
