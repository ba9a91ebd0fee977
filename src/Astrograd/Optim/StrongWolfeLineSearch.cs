using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;

namespace Astrograd.Optim;

/// <summary>The function a line search walks along: φ(t) = L(x + t·d) and its gradient at x + t·d.</summary>
internal interface ILineObjective<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Evaluates the loss at x + t·d and writes the full gradient there into
    /// <paramref name="gradient"/>.</summary>
    double Evaluate(double t, T[] gradient);
}

/// <summary>
/// A line search for a step t along a descent direction d that satisfies the strong Wolfe conditions,
/// φ(t) ≤ φ(0) + c₁·t·φ′(0) and |φ′(t)| ≤ c₂·|φ′(0)| (Nocedal and Wright, "Numerical Optimization", 2nd ed.,
/// Algorithms 3.5 and 3.6). A bracketing phase grows t until an interval is known to hold an acceptable step;
/// a zoom phase shrinks that interval. New trials come from the cubic that matches φ and φ′ at two points
/// (their eq. 3.59), safeguarded.
/// </summary>
internal sealed class StrongWolfeLineSearch<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _spare;

    /// <summary>A search over vectors of <paramref name="length"/> elements; its buffers are made once.</summary>
    public StrongWolfeLineSearch(int length)
    {
        _spare = [new T[length], new T[length], new T[length]];
    }

    /// <summary>One trial: the step, φ, φ′ and the gradient (one of the spare buffers, or the caller's g₀).</summary>
    private readonly record struct Point(double Step, double F, double Slope, T[] Gradient);

    /// <summary>
    /// Searches from t = <paramref name="t0"/>. On return <paramref name="gradient"/> holds the gradient at the
    /// chosen step (it holds g₀ on entry).
    /// </summary>
    /// <returns>The chosen step (0 when nothing better than the start was found), φ there, and the number of
    /// evaluations.</returns>
    public (double Step, double Loss, int Evaluations) Search(ILineObjective<T> objective, ReadOnlySpan<T> d,
        double t0, double f0, T[] gradient, double slope0, LbfgsOptions options)
    {
        Debug.Assert(slope0 < 0, "the direction must descend");
        var c1 = options.SufficientDecrease;
        var c2 = options.Curvature;
        var budget = options.MaxLineSearchEvaluations;
        var dNorm = double.CreateTruncating(T.Abs(d[TensorPrimitives.IndexOfMaxMagnitude(d)]));
        var start = new Point(0, f0, slope0, gradient);

        // Bracketing: step forward until a trial fails the decrease test, stops decreasing, or turns uphill.
        var previous = start;
        var trial = Evaluate(objective, d, t0, previous, start);
        var evaluations = 1;
        Point lo, hi;
        while (true)
        {
            if (!Decreases(trial, start, c1) || (evaluations > 1 && trial.F >= previous.F))
            {
                (lo, hi) = (previous, trial);
                break;
            }

            if (Math.Abs(trial.Slope) <= -c2 * slope0)
            {
                return Finish(trial, gradient, evaluations);
            }

            if (trial.Slope >= 0)
            {
                (lo, hi) = (trial, previous);
                break;
            }

            if (evaluations >= budget)
            {
                // Out of evaluations while still descending: the last trial is the best one seen.
                return Finish(trial, gradient, evaluations);
            }

            // Extrapolate: at least 1% beyond the last step, at most ten times it.
            var next = Cubic(previous, trial, trial.Step + 0.01 * (trial.Step - previous.Step), 10 * trial.Step);
            previous = trial;
            trial = Evaluate(objective, d, next, previous, start);
            evaluations++;
        }

        // Zoom: lo is the best step that passes the decrease test, and the minimiser lies between lo and hi.
        var insufficientProgress = false;
        while (evaluations < budget)
        {
            if (Math.Abs(hi.Step - lo.Step) * dNorm < options.ChangeTolerance)
            {
                break;
            }

            var left = Math.Min(lo.Step, hi.Step);
            var right = Math.Max(lo.Step, hi.Step);
            var t = Cubic(lo, hi, left, right);

            // A trial near an end is allowed once; twice in a row means the interval is not shrinking, so the
            // trial is moved a tenth of the interval inside.
            var margin = 0.1 * (right - left);
            if (Math.Min(right - t, t - left) < margin)
            {
                if (insufficientProgress || t >= right || t <= left)
                {
                    t = Math.Abs(t - right) < Math.Abs(t - left) ? right - margin : left + margin;
                    insufficientProgress = false;
                }
                else
                {
                    insufficientProgress = true;
                }
            }
            else
            {
                insufficientProgress = false;
            }

            trial = Evaluate(objective, d, t, lo, hi);
            evaluations++;
            if (!Decreases(trial, start, c1) || trial.F >= lo.F)
            {
                hi = trial;
                continue;
            }

            if (Math.Abs(trial.Slope) <= -c2 * slope0)
            {
                lo = trial;
                break;
            }

            if (trial.Slope * (hi.Step - lo.Step) >= 0)
            {
                hi = lo;
            }

            lo = trial;
        }

        return Finish(lo, gradient, evaluations);
    }

    private static bool Decreases(Point p, Point start, double c1) =>
        p.F <= start.F + c1 * p.Step * start.Slope; // false for NaN, so a blown-up trial counts as too long

    private Point Evaluate(ILineObjective<T> objective, ReadOnlySpan<T> d, double t, Point keep1, Point keep2)
    {
        // Any spare buffer that neither kept point holds will do: three spares, at most two kept.
        var buffer = _spare[0];
        foreach (var candidate in _spare)
        {
            if (!ReferenceEquals(candidate, keep1.Gradient) && !ReferenceEquals(candidate, keep2.Gradient))
            {
                buffer = candidate;
                break;
            }
        }

        var f = objective.Evaluate(t, buffer);
        var slope = double.CreateTruncating(TensorPrimitives.Dot<T>(buffer, d));
        return new Point(t, f, slope, buffer);
    }

    private static (double, double, int) Finish(Point chosen, T[] gradient, int evaluations)
    {
        if (!ReferenceEquals(chosen.Gradient, gradient))
        {
            chosen.Gradient.AsSpan().CopyTo(gradient);
        }

        return (chosen.Step, chosen.F, evaluations);
    }

    /// <summary>
    /// The minimiser of the cubic through (a, φ(a), φ′(a)) and (b, φ(b), φ′(b)), clamped to
    /// [<paramref name="min"/>, <paramref name="max"/>]; the middle of that interval when the cubic has no
    /// minimiser (or the numbers are not finite).
    /// </summary>
    internal static double Cubic(double a, double fa, double ga, double b, double fb, double gb, double min,
        double max)
    {
        if (a > b)
        {
            (a, fa, ga, b, fb, gb) = (b, fb, gb, a, fa, ga);
        }

        var d1 = ga + gb - 3 * (fa - fb) / (a - b);
        var discriminant = d1 * d1 - ga * gb;
        if (!(discriminant >= 0))
        {
            return (min + max) / 2;
        }

        var d2 = Math.Sqrt(discriminant);
        var t = b - (b - a) * ((gb + d2 - d1) / (gb - ga + 2 * d2));
        return double.IsNaN(t) ? (min + max) / 2 : Math.Min(Math.Max(t, min), max);
    }

    private static double Cubic(Point p, Point q, double min, double max) =>
        Cubic(p.Step, p.F, p.Slope, q.Step, q.F, q.Slope, min, max);
}
