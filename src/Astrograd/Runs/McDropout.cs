using Astrograd.Data;
using Astrograd.NN;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>The per-row mean and standard deviation of Monte Carlo dropout passes.</summary>
/// <param name="Columns">Values per row: the targets (regression) or the class probabilities (classes; one
/// column per class, two for a binary model).</param>
/// <param name="Mean">Mean over the passes, [n, columns].</param>
/// <param name="Std">Standard deviation over the passes (divisor N), [n, columns].</param>
/// <param name="Sigma">For a loss that predicts a variance, the mean predicted σ over the passes, else null.
/// </param>
public sealed record McDropoutResult(int Columns, double[] Mean, double[] Std, double[]? Sigma);

/// <summary>
/// Monte Carlo dropout (Gal and Ghahramani, 2016): the trained network is run N times with its dropout kept on,
/// and the spread of the N predictions estimates the model's uncertainty. Each dropout layer draws its masks
/// from a generator seeded from (seed, layer), so the same seed gives the same numbers.
/// </summary>
public static class McDropout
{
    /// <summary>N passes of <paramref name="model"/> over <paramref name="table"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> &lt; 2.</exception>
    /// <exception cref="InvalidOperationException">The model was trained without dropout (every pass would give
    /// the same numbers).</exception>
    /// <exception cref="DataException">A feature column is missing or has missing values.</exception>
    public static McDropoutResult Sample(TrainedModel model, DataTable table, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        var dropouts = model.Network.Layers.OfType<Dropout<float>>().ToArray();
        if (dropouts.Length == 0 || dropouts.All(d => d.Probability == 0))
        {
            throw new InvalidOperationException(
                "the model has no dropout, so every pass would be the same; train it with --dropout P (e.g. 0.1)");
        }

        for (var i = 0; i < dropouts.Length; i++)
        {
            dropouts[i].Reseed(new Rng(Rng.DeriveSeed(seed, (ulong)i)));
            dropouts[i].ActiveInEval = true;
        }

        try
        {
            double[]? sum = null, squares = null, sigma = null;
            var columns = 0;
            for (var s = 0; s < samples; s++)
            {
                var (values, sigmas) = Pass(model, model.PredictRaw(table), out columns);
                sum ??= new double[values.Length];
                squares ??= new double[values.Length];
                for (var e = 0; e < values.Length; e++)
                {
                    sum[e] += values[e];
                    squares[e] += values[e] * values[e];
                }

                if (sigmas is not null)
                {
                    sigma ??= new double[sigmas.Length];
                    for (var e = 0; e < sigmas.Length; e++)
                    {
                        sigma[e] += sigmas[e] / samples;
                    }
                }
            }

            var mean = sum!.Select(v => v / samples).ToArray();
            var std = mean.Select((m, e) => Math.Sqrt(Math.Max(0, (squares![e] / samples) - (m * m)))).ToArray();
            return new McDropoutResult(columns, mean, std, sigma);
        }
        finally
        {
            foreach (var d in dropouts)
            {
                d.ActiveInEval = false;
            }
        }
    }

    // One pass as values [n, columns]: regression values in target units, else class probabilities.
    private static (double[] Values, double[]? Sigmas) Pass(TrainedModel model, float[] raw, out int columns)
    {
        var outputs = model.Card.Architecture.Outputs;
        if (model.Task == TaskKind.Regression)
        {
            var decoded = model.Decode(raw);
            columns = decoded.Targets;
            return (decoded.Values, decoded.Sigmas);
        }

        var p = Evaluation.Probabilities<float>(raw, outputs);
        if (outputs > 1)
        {
            columns = outputs;
            return (p, null);
        }

        // A binary model's one output is p(class 1); its complement is p(class 0).
        columns = 2;
        return ([.. p.SelectMany(q => new[] { 1 - q, q })], null);
    }
}
