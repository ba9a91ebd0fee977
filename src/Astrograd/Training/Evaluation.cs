using System.Numerics;
using Astrograd.NN;

namespace Astrograd.Training;

/// <summary>Runs a trained network over rows without recording a graph: raw outputs, losses, the main metric.</summary>
public static class Evaluation
{
    // Small enough that every activation of a 64-wide layer (64 KiB) stays off the large-object heap and in
    // cache: big chunks made each epoch's scoring allocate megabytes that only a full collection frees, which
    // stalls every thread of a multi-start.
    private const int ChunkRows = 256;

    /// <summary>The short name of the metric reported every epoch: accuracy for classifiers, rmse for
    /// regression.</summary>
    public static string MetricName(TaskKind task) => task == TaskKind.Regression ? "rmse" : "accuracy";

    /// <summary>
    /// The network's raw outputs (logits or values) for every row of <paramref name="features"/> ([n, d],
    /// row-major), as [n, outputs] row-major, computed in chunks in evaluation mode without a graph.
    /// </summary>
    public static T[] Forward<T>(Module<T> model, T[] features, int featureCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        var rows = features.Length / featureCount;
        if (model is Mlp<T> { Inference: { } inference } mlp && featureCount == mlp.Spec.Inputs)
        {
            var output = new T[rows * mlp.Spec.Outputs];
            inference.Run(features.AsSpan(0, rows * featureCount), output);
            return output;
        }

        var wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var scope = Autograd.NoGrad();
            T[]? result = null;
            var outputs = 0;
            for (var start = 0; start < rows; start += ChunkRows)
            {
                var n = Math.Min(ChunkRows, rows - start);
                var chunk = new Tensor<T>(new Shape(n, featureCount), features, start * featureCount);
                var y = model.Forward(chunk);
                outputs = y.Shape[1];
                result ??= new T[rows * outputs];
                y.Span.CopyTo(result.AsSpan(start * outputs));
            }

            return result ?? [];
        }
        finally
        {
            if (wasTraining)
            {
                model.Train();
            }
        }
    }

    /// <summary>The mean loss and the main metric of <paramref name="model"/> on <paramref name="set"/>.</summary>
    public static (double Loss, double Metric) MainMetric<T>(Module<T> model, Objective objective, TrainingSet<T> set)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(set);
        var output = Forward(model, set.Features, set.FeatureCount);
        var outputs = set.Rows == 0 ? 0 : output.Length / set.Rows;
        double loss;
        using (Autograd.NoGrad())
        {
            var o = new Tensor<T>(new Shape(set.Rows, outputs), output);
            var y = set.Targets is null ? null : new Tensor<T>(new Shape(set.Rows, set.TargetCount), set.Targets);
            var v = set.Variances is null ? null : new Tensor<T>(new Shape(set.Rows, set.TargetCount), set.Variances);
            loss = double.CreateTruncating(objective.Compute(o, y, set.Labels ?? [], v).Item());
        }

        return (loss, objective.Task switch
        {
            TaskKind.Regression => Rmse(OutputHeads.Means<T>(output, set.TargetCount, outputs), set.Targets!),
            TaskKind.Binary => BinaryAccuracy(output, set.Labels!),
            _ => MulticlassAccuracy(output, outputs, set.Labels!),
        });
    }

    /// <summary>Class predictions from raw outputs: logit ≥ 0 for binary, the arg-max for multiclass.</summary>
    public static int[] PredictClasses<T>(ReadOnlySpan<T> output, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rows = outputs == 0 ? 0 : output.Length / outputs;
        var result = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            if (outputs == 1)
            {
                result[i] = output[i] >= T.Zero ? 1 : 0;
                continue;
            }

            var row = output.Slice(i * outputs, outputs);
            var best = 0;
            for (var j = 1; j < outputs; j++)
            {
                if (row[j] > row[best])
                {
                    best = j;
                }
            }

            result[i] = best;
        }

        return result;
    }

    /// <summary>
    /// Probabilities from raw outputs: σ(logit) of class 1 for binary (one column), softmax rows for
    /// multiclass (max subtracted), in double.
    /// </summary>
    public static double[] Probabilities<T>(ReadOnlySpan<T> output, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[output.Length];
        var rows = outputs == 0 ? 0 : output.Length / outputs;
        for (var i = 0; i < rows; i++)
        {
            if (outputs == 1)
            {
                var x = double.CreateTruncating(output[i]);
                result[i] = x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
                continue;
            }

            var max = double.NegativeInfinity;
            for (var j = 0; j < outputs; j++)
            {
                max = Math.Max(max, double.CreateTruncating(output[(i * outputs) + j]));
            }

            double sum = 0;
            for (var j = 0; j < outputs; j++)
            {
                sum += result[(i * outputs) + j] = Math.Exp(double.CreateTruncating(output[(i * outputs) + j]) - max);
            }

            for (var j = 0; j < outputs; j++)
            {
                result[(i * outputs) + j] /= sum;
            }
        }

        return result;
    }

    private static double BinaryAccuracy<T>(T[] output, int[] labels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var predicted = PredictClasses<T>(output, 1);
        return Fraction(predicted, labels);
    }

    private static double MulticlassAccuracy<T>(T[] output, int outputs, int[] labels)
        where T : unmanaged, IFloatingPointIeee754<T> => Fraction(PredictClasses<T>(output, outputs), labels);

    private static double Fraction(int[] predicted, int[] labels)
    {
        var hits = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            hits += predicted[i] == labels[i] ? 1 : 0;
        }

        return labels.Length == 0 ? double.NaN : (double)hits / labels.Length;
    }

    private static double Rmse<T>(T[] output, T[] targets)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // A NaN target is a missing label, masked as in the loss.
        double sum = 0;
        var labelled = 0;
        for (var i = 0; i < targets.Length; i++)
        {
            if (!T.IsNaN(targets[i]))
            {
                var d = double.CreateTruncating(output[i]) - double.CreateTruncating(targets[i]);
                sum += d * d;
                labelled++;
            }
        }

        return labelled == 0 ? double.NaN : Math.Sqrt(sum / labelled);
    }
}
