namespace Astrograd.Data;

/// <summary>
/// Yields the mini-batches of one epoch as spans of row indices. With shuffling on, each epoch starts from
/// the rows in their given order and shuffles them (Fisher–Yates) with the caller's <see cref="Rng"/>, so
/// epoch e's order depends only on the generator's state; with it off, every epoch is the given order.
/// The last batch holds the remainder (⌈n / batch⌉ batches, none dropped). One permutation buffer is
/// reused, so an epoch allocates nothing; a span is valid until the next <see cref="NextEpoch"/>.
/// </summary>
public sealed class BatchSampler
{
    private readonly int[] _rows;
    private readonly int[] _order;
    private readonly Rng? _rng;

    /// <summary>Batches over the rows <paramref name="rows"/> (e.g. the training rows of a split).</summary>
    /// <param name="rows">The row indices to batch; copied.</param>
    /// <param name="batchSize">Rows per batch, at least 1.</param>
    /// <param name="shuffle">Whether each epoch is reshuffled.</param>
    /// <param name="rng">The generator for shuffling; required when <paramref name="shuffle"/> is true.</param>
    public BatchSampler(ReadOnlySpan<int> rows, int batchSize, bool shuffle, Rng? rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (rows.IsEmpty)
        {
            throw new ArgumentException("BatchSampler: there are no rows to batch.", nameof(rows));
        }

        if (shuffle && rng is null)
        {
            throw new ArgumentNullException(nameof(rng), "BatchSampler: shuffling needs an Rng.");
        }

        _rows = rows.ToArray();
        _order = rows.ToArray();
        _rng = rng;
        BatchSize = batchSize;
        Shuffle = shuffle;
    }

    /// <summary>Batches over rows 0..<paramref name="rowCount"/>−1.</summary>
    public BatchSampler(int rowCount, int batchSize, bool shuffle, Rng? rng)
        : this(Enumerable.Range(0, Math.Max(rowCount, 0)).ToArray(), batchSize, shuffle, rng)
    {
    }

    /// <summary>The number of rows per epoch.</summary>
    public int RowCount => _rows.Length;

    /// <summary>The rows per batch (the last batch may hold fewer).</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch is reshuffled.</summary>
    public bool Shuffle { get; }

    /// <summary>The number of batches per epoch: ⌈RowCount / BatchSize⌉.</summary>
    public int BatchCount => (_rows.Length + BatchSize - 1) / BatchSize;

    /// <summary>The order of the current epoch.</summary>
    public ReadOnlySpan<int> Order => _order;

    /// <summary>Starts an epoch (reshuffling when <see cref="Shuffle"/> is on) and returns its batches.</summary>
    public Epoch NextEpoch()
    {
        if (Shuffle)
        {
            _rows.CopyTo(_order, 0);
            _rng!.Shuffle(_order.AsSpan());
        }

        return new Epoch(this);
    }

    /// <summary>Batch <paramref name="index"/> of the current epoch.</summary>
    public ReadOnlySpan<int> Batch(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, BatchCount);
        var start = index * BatchSize;
        return _order.AsSpan(start, Math.Min(BatchSize, _order.Length - start));
    }

    /// <summary>The batches of one epoch, for <c>foreach</c> without allocation.</summary>
    public readonly struct Epoch
    {
        private readonly BatchSampler _sampler;

        internal Epoch(BatchSampler sampler) => _sampler = sampler;

        /// <summary>The enumerator over the epoch's batches.</summary>
        public Enumerator GetEnumerator() => new(_sampler);
    }

    /// <summary>Steps through the batches of an epoch.</summary>
    public struct Enumerator
    {
        private readonly BatchSampler _sampler;
        private int _index;

        internal Enumerator(BatchSampler sampler)
        {
            _sampler = sampler;
            _index = -1;
        }

        /// <summary>The current batch of row indices.</summary>
        public readonly ReadOnlySpan<int> Current => _sampler.Batch(_index);

        /// <summary>Moves to the next batch; false after the last.</summary>
        public bool MoveNext() => ++_index < _sampler.BatchCount;
    }
}
