using System.Numerics;

namespace Astrograd.Training;

/// <summary>
/// Reused buffers into which the rows of a mini-batch are gathered, so that a training step allocates no
/// new data arrays (only the tensor objects that view them).
/// </summary>
internal sealed class BatchBuffers<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TrainingSet<T> _set;
    private readonly T[] _x;
    private readonly T[]? _y;
    private readonly int[] _labels;

    public BatchBuffers(TrainingSet<T> set, int capacity)
    {
        _set = set;
        _x = new T[capacity * set.FeatureCount];
        _y = set.Targets is null ? null : new T[capacity * set.TargetCount];
        _labels = new int[set.Labels is null ? 0 : capacity];
    }

    /// <summary>Gathers <paramref name="rows"/> and returns views of exactly that many rows.</summary>
    public (Tensor<T> X, Tensor<T>? Y, int[] Labels) Fill(ReadOnlySpan<int> rows)
    {
        int d = _set.FeatureCount, k = _set.TargetCount, n = rows.Length;
        var x = _set.Features.AsSpan();
        for (var i = 0; i < n; i++)
        {
            x.Slice(rows[i] * d, d).CopyTo(_x.AsSpan(i * d, d));
        }

        Tensor<T>? y = null;
        if (_y is not null)
        {
            var targets = _set.Targets!.AsSpan();
            for (var i = 0; i < n; i++)
            {
                targets.Slice(rows[i] * k, k).CopyTo(_y.AsSpan(i * k, k));
            }

            y = new Tensor<T>(new Shape(n, k), _y);
        }

        var labels = _labels;
        if (_set.Labels is not null)
        {
            labels = n == _labels.Length ? _labels : new int[n];
            for (var i = 0; i < n; i++)
            {
                labels[i] = _set.Labels[rows[i]];
            }
        }

        return (new Tensor<T>(new Shape(n, d), _x), y, labels);
    }
}
