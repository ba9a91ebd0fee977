namespace Astrograd;

/// <summary>
/// Compares backward's gradients with central finite differences, in float64 (float32 differences are
/// too coarse: d/dx eˣ at 1 comes out near 2.64 instead of 2.718).
/// </summary>
public static class GradCheck
{
    /// <summary>
    /// Checks every element's gradient of the scalar <c>Σ w ⊙ f(inputs)</c> (w a fixed random weighting, so
    /// that non-scalar outputs are covered) against (F(x + h) − F(x − h)) / 2h.
    /// </summary>
    /// <param name="f">The function under test; it is called many times and must be deterministic.</param>
    /// <param name="inputs">The point to check at; each input gets RequiresGrad and is restored afterwards.</param>
    /// <param name="step">The finite-difference step h.</param>
    /// <param name="relativeTolerance">Allowed |analytic − numeric| / max(|analytic|, |numeric|, 1e-3 scale).</param>
    /// <param name="absoluteTolerance">Allowed absolute difference, for gradients near zero.</param>
    /// <param name="seed">Seed of the output weighting.</param>
    public static GradCheckResult Check(Func<Tensor<double>[], Tensor<double>> f, Tensor<double>[] inputs,
        double step = 1e-6, double relativeTolerance = 1e-6, double absoluteTolerance = 1e-8, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);

        var (analytic, weights) = AnalyticGradients(f, inputs, seed);
        var worst = new GradCheckResult(true, 0, 0, -1, -1, 0, 0);
        for (var i = 0; i < inputs.Length; i++)
        {
            var x = inputs[i].Span;
            for (var j = 0; j < x.Length; j++)
            {
                var saved = x[j];
                x[j] = saved + step;
                var plus = WeightedSum(f, inputs, weights);
                x[j] = saved - step;
                var minus = WeightedSum(f, inputs, weights);
                x[j] = saved;

                var numeric = (plus - minus) / (2 * step);
                worst = Worse(worst, Compare(analytic[i][j], numeric, i, j, relativeTolerance, absoluteTolerance));
            }
        }

        return worst;
    }

    /// <summary>
    /// The random-direction check for large inputs: compares the directional derivative ⟨∇F, v⟩ along a
    /// random unit direction v with (F(x + hv) − F(x − hv)) / 2h, costing two evaluations instead of 2n.
    /// </summary>
    public static GradCheckResult CheckDirection(Func<Tensor<double>[], Tensor<double>> f, Tensor<double>[] inputs,
        double step = 1e-6, double relativeTolerance = 1e-6, double absoluteTolerance = 1e-8, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);

        var (analytic, weights) = AnalyticGradients(f, inputs, seed);
        var rng = new Rng(seed ^ 0xD1EC7104UL);
        var directions = inputs.Select(t => Enumerable.Range(0, t.Size).Select(_ =>
            rng.NextNormal()).ToArray()).ToArray();
        var norm = Math.Sqrt(directions.Sum(d => d.Sum(v => v * v)));
        var predicted = 0.0;
        for (var i = 0; i < inputs.Length; i++)
        {
            for (var j = 0; j < directions[i].Length; j++)
            {
                directions[i][j] /= norm == 0 ? 1 : norm;
                predicted += analytic[i][j] * directions[i][j];
            }
        }

        var saved = inputs.Select(t => t.ToArray()).ToArray();
        Move(inputs, saved, directions, step);
        var plus = WeightedSum(f, inputs, weights);
        Move(inputs, saved, directions, -step);
        var minus = WeightedSum(f, inputs, weights);
        Move(inputs, saved, directions, 0);

        return Compare(predicted, (plus - minus) / (2 * step), -1, -1, relativeTolerance, absoluteTolerance);
    }

    private static (double[][] Gradients, Tensor<double> Weights) AnalyticGradients(
        Func<Tensor<double>[], Tensor<double>> f, Tensor<double>[] inputs, ulong seed)
    {
        var flags = inputs.Select(t => t.RequiresGrad).ToArray();
        foreach (var t in inputs)
        {
            t.RequiresGrad = true;
            t.Grad = null;
        }

        var output = f(inputs);
        var weights = Tensor.RandomUniform<double>(new Rng(seed), output.Shape.ToArray(), 0.5, 1.5);
        if (output.RequiresGrad)
        {
            output.Mul(weights).Sum().Backward();
        }

        var gradients = inputs.Select(t => t.Grad?.ToArray() ?? new double[t.Size]).ToArray();
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i].Grad = null;
            inputs[i].RequiresGrad = flags[i];
        }

        return (gradients, weights);
    }

    private static double WeightedSum(Func<Tensor<double>[], Tensor<double>> f, Tensor<double>[] inputs,
        Tensor<double> weights)
    {
        using var scope = Autograd.NoGrad();
        return f(inputs).Mul(weights).Sum().Item();
    }

    private static void Move(Tensor<double>[] inputs, double[][] saved, double[][] directions, double step)
    {
        for (var i = 0; i < inputs.Length; i++)
        {
            var x = inputs[i].Span;
            for (var j = 0; j < x.Length; j++)
            {
                x[j] = saved[i][j] + (step * directions[i][j]);
            }
        }
    }

    private static GradCheckResult Compare(double analytic, double numeric, int input, int element, double rtol,
        double atol)
    {
        var diff = Math.Abs(analytic - numeric);
        var scale = Math.Max(Math.Max(Math.Abs(analytic), Math.Abs(numeric)), 1e-3);
        var relative = diff / scale;
        var ok = diff <= atol || relative <= rtol || (double.IsNaN(analytic) && double.IsNaN(numeric));
        return new GradCheckResult(ok, relative, diff, input, element, analytic, numeric);
    }

    private static GradCheckResult Worse(GradCheckResult a, GradCheckResult b)
    {
        if (a.Passed != b.Passed)
        {
            return a.Passed ? b : a;
        }

        return b.MaxRelativeError > a.MaxRelativeError ? b : a;
    }
}

/// <summary>The outcome of a gradient check: the worst element found, and whether all were within tolerance.</summary>
/// <param name="Passed">True when every compared gradient was within tolerance.</param>
/// <param name="MaxRelativeError">The largest relative error seen.</param>
/// <param name="AbsoluteError">The absolute error at that element.</param>
/// <param name="Input">Index of the input holding the worst element (-1 for a direction check).</param>
/// <param name="Element">Flat index of the worst element in that input (-1 for a direction check).</param>
/// <param name="Analytic">The gradient backward gave there.</param>
/// <param name="Numeric">The central difference there.</param>
public sealed record GradCheckResult(bool Passed, double MaxRelativeError, double AbsoluteError, int Input, int Element,
    double Analytic, double Numeric)
{
    /// <summary>A one-line description for test failures.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{(Passed ? "passed" : "FAILED")}: input {Input} element {Element}: ") +
        FormattableString.Invariant($"analytic {Analytic:G10}, numeric {Numeric:G10}, ") +
        FormattableString.Invariant($"relative error {MaxRelativeError:E2}");
}
