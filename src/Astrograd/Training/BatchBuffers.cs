using System.Numerics;
using System.Runtime.CompilerServices;

namespace Astrograd.Training;

/// <summary>
/// Reused buffers into which the rows of a mini-batch are gathered. Batches of the same size get the same tensor
/// objects back (a full batch, and the one shorter last batch of an epoch), so a step allocates nothing and a
/// captured step graph can read each new batch from the tensors it was built on.
/// </summary>
internal sealed class BatchBuffers<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TrainingSet<T> _set;
    private readonly T[] _x;
    private readonly T[]? _y;
    private readonly T[]? _v;
    private readonly View _full;
    private View? _short;

    public BatchBuffers(TrainingSet<T> set, int capacity)
    {
        _set = set;
        _x = new T[capacity * set.FeatureCount];
        _y = set.Targets is null ? null : new T[capacity * set.TargetCount];
        _v = set.Variances is null ? null : new T[capacity * set.TargetCount];
        _full = MakeView(capacity);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (Tensor<T> X, Tensor<T>? Y, int[] Labels, Tensor<T>? V) Fill(ReadOnlySpan<int> rows)
    {
        int d = _set.FeatureCount, k = _set.TargetCount, n = rows.Length;
        var view = n == _full.Rows ? _full : _short is { } s && s.Rows == n ? s : _short = MakeView(n);
        var x = _set.Features.AsSpan();
        for (var i = 0; i < n; i++)
        {
            x.Slice(rows[i] * d, d).CopyTo(_x.AsSpan(i * d, d));
        }

        if (_y is not null)
        {
            var targets = _set.Targets!.AsSpan();
            for (var i = 0; i < n; i++)
            {
                targets.Slice(rows[i] * k, k).CopyTo(_y.AsSpan(i * k, k));
            }
        }

        if (_v is not null)
        {
            var variances = _set.Variances!.AsSpan();
            for (var i = 0; i < n; i++)
            {
                variances.Slice(rows[i] * k, k).CopyTo(_v.AsSpan(i * k, k));
            }
        }

        if (_set.Labels is not null)
        {
            for (var i = 0; i < n; i++)
            {
                view.Labels[i] = _set.Labels[rows[i]];
            }
        }

        return (view.X, view.Y, view.Labels, view.V);
    }

    private View MakeView(int rows) => new(rows, new Tensor<T>(new Shape(rows, _set.FeatureCount), _x),
        _y is null ? null : new Tensor<T>(new Shape(rows, _set.TargetCount), _y),
        new int[_set.Labels is null ? 0 : rows],
        _v is null ? null : new Tensor<T>(new Shape(rows, _set.TargetCount), _v));

    private sealed record View(int Rows, Tensor<T> X, Tensor<T>? Y, int[] Labels, Tensor<T>? V);
}
