using Astrograd.Data;

namespace Astrograd.Tests.Data;

public class BatchSamplerTests
{
    [Fact]
    public void Last_partial_batch_is_kept()
    {
        var sampler = new BatchSampler(10, 4, shuffle: false, rng: null);

        var sizes = new List<int>();
        foreach (var batch in sampler.NextEpoch())
        {
            sizes.Add(batch.Length);
        }

        Assert.Equal(3, sampler.BatchCount);
        Assert.Equal([4, 4, 2], sizes);
    }

    [Fact]
    public void Without_shuffle_every_epoch_is_the_given_order()
    {
        var sampler = new BatchSampler([5, 3, 9], 2, shuffle: false, rng: null);

        sampler.NextEpoch();
        var first = sampler.Order.ToArray();
        sampler.NextEpoch();

        Assert.Equal([5, 3, 9], first);
        Assert.Equal(first, sampler.Order.ToArray());
    }

    [Fact]
    public void Shuffled_epochs_are_permutations_that_differ_between_epochs()
    {
        var sampler = new BatchSampler(100, 16, shuffle: true, rng: new Rng(42));

        sampler.NextEpoch();
        var first = sampler.Order.ToArray();
        sampler.NextEpoch();
        var second = sampler.Order.ToArray();

        Assert.Equal(Enumerable.Range(0, 100), first.Order());
        Assert.Equal(Enumerable.Range(0, 100), second.Order());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Same_seed_gives_the_same_epochs()
    {
        var a = new BatchSampler(50, 8, shuffle: true, rng: new Rng(9));
        var b = new BatchSampler(50, 8, shuffle: true, rng: new Rng(9));

        for (var epoch = 0; epoch < 3; epoch++)
        {
            a.NextEpoch();
            b.NextEpoch();
            Assert.Equal(a.Order.ToArray(), b.Order.ToArray());
        }
    }

    [Fact]
    public void Batches_of_an_epoch_cover_every_row_once()
    {
        var sampler = new BatchSampler([10, 20, 30, 40, 50], 2, shuffle: true, rng: new Rng(1));

        var seen = new List<int>();
        foreach (var batch in sampler.NextEpoch())
        {
            seen.AddRange(batch);
        }

        Assert.Equal([10, 20, 30, 40, 50], seen.Order());
    }

    [Fact]
    public void An_epoch_allocates_nothing()
    {
        var sampler = new BatchSampler(1000, 32, shuffle: true, rng: new Rng(3));
        Consume(sampler);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = Consume(sampler);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, total);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Shuffle_without_rng_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new BatchSampler(10, 2, shuffle: true, rng: null));
    }

    private static int Consume(BatchSampler sampler)
    {
        var total = 0;
        foreach (var batch in sampler.NextEpoch())
        {
            total += batch.Length;
        }

        return total;
    }
}
