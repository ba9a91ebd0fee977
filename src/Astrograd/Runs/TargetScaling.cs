using Astrograd.Data;

namespace Astrograd.Runs;

/// <summary>
/// Standardisation of regression targets, y' = (y − mean) / std per target, fitted on the training rows. Used
/// when a run has several targets, so that a target measured in large units does not dominate the loss; a σ
/// from --sigma is divided by the same std. A single target is left in its own units.
/// </summary>
public sealed record TargetScaling(IReadOnlyList<double> Mean, IReadOnlyList<double> Std)
{
    /// <summary>Fits means and population standard deviations (1 for a constant target) on
    /// <paramref name="rows"/>.</summary>
    internal static TargetScaling Fit(DataTable table, int[] targets, int[] rows)
    {
        var mean = new double[targets.Length];
        var std = new double[targets.Length];
        for (var j = 0; j < targets.Length; j++)
        {
            // Missing labels (NaN) are masked out of the loss, so they take no part in the fit either.
            var values = table.Columns[targets[j]].Numbers;
            double sum = 0, squares = 0;
            var n = 0;
            foreach (var r in rows)
            {
                if (double.IsFinite(values[r]))
                {
                    sum += values[r];
                    n++;
                }
            }

            mean[j] = n == 0 ? 0 : sum / n;
            foreach (var r in rows)
            {
                if (double.IsFinite(values[r]))
                {
                    squares += (values[r] - mean[j]) * (values[r] - mean[j]);
                }
            }

            var sd = n == 0 ? 0 : Math.Sqrt(squares / n);
            std[j] = sd > 0 && double.IsFinite(sd) ? sd : 1;
        }

        return new TargetScaling(mean, std);
    }

    /// <summary>Scales row-major values [n, k] in place into model units.</summary>
    public void Apply(Span<double> values)
    {
        var k = Mean.Count;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (values[i] - Mean[i % k]) / Std[i % k];
        }
    }

    /// <summary>Scales row-major values [n, k] in place back into the targets' units.</summary>
    public void Invert(Span<double> values)
    {
        var k = Mean.Count;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (values[i] * Std[i % k]) + Mean[i % k];
        }
    }

    /// <summary>Scales standard deviations [n, k] in place back into the targets' units.</summary>
    public void InvertSpread(Span<double> values)
    {
        var k = Std.Count;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= Std[i % k];
        }
    }
}
