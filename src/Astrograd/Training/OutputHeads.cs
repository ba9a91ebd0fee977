using System.Numerics;
using Astrograd.Losses;

namespace Astrograd.Training;

/// <summary>
/// Reads a regression network's raw outputs: k values per row, or (gaussian-nll, student-t) k means followed by k
/// log-variances (see <see cref="MeanVarianceLoss"/>).
/// </summary>
public static class OutputHeads
{
    /// <summary>The point predictions [n, k] from raw outputs [n, outputs] (outputs = k or 2k).</summary>
    public static T[] Means<T>(ReadOnlySpan<T> raw, int targets, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (outputs == targets)
        {
            return raw.ToArray();
        }

        var rows = outputs == 0 ? 0 : raw.Length / outputs;
        var means = new T[rows * targets];
        for (var i = 0; i < rows; i++)
        {
            raw.Slice(i * outputs, targets).CopyTo(means.AsSpan(i * targets, targets));
        }

        return means;
    }

    /// <summary>
    /// The predicted standard deviations √v [n, k], v = exp(clamp(s)) + ε, from raw outputs [n, 2k]; a known σ²
    /// of the training rows is not part of it (the network's own uncertainty).
    /// </summary>
    public static double[] Sigmas<T>(ReadOnlySpan<T> raw, int targets)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var outputs = 2 * targets;
        var rows = raw.Length / outputs;
        var sigmas = new double[rows * targets];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < targets; j++)
            {
                var s = double.CreateTruncating(raw[(i * outputs) + targets + j]);
                sigmas[(i * targets) + j] = Math.Sqrt(MeanVarianceLoss.Variance(s, 0.0));
            }
        }

        return sigmas;
    }
}
