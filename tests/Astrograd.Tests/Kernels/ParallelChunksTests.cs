using Astrograd.Kernels;

namespace Astrograd.Tests.Kernels;

public unsafe class ParallelChunksTests
{
    // Lengths around the threshold and ragged ends, so that chunk edges fall inside vectors if they could.
    public static TheoryData<int> Lengths => [ParallelChunks.MinLength - 1, ParallelChunks.MinLength,
        ParallelChunks.MinLength + 17, (3 * ParallelChunks.MinLength) + 5];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Tanh_forward_and_backward_give_the_same_bits_on_one_and_two_threads(int length)
    {
        var rng = new Rng(5);
        var x = KernelTestData.Values<float>(rng, length);
        var g = KernelTestData.Values<float>(rng, length);
        var start = KernelTestData.Values<float>(rng, length);

        (float[] Y, float[] Dx) Run(int threads)
        {
            var y = new float[length];
            var dx = (float[])start.Clone();
            WithThreads(threads, () =>
            {
                ParallelChunks.Map<float>(x, y, &TanhKernel.Forward<float>);
                ParallelChunks.Map<float>(y, g, dx, &TanhKernel.Backward<float>);
            });
            return (y, dx);
        }

        var one = Run(1);
        var two = Run(2);

        Assert.Equal(one.Y, two.Y);
        Assert.Equal(one.Dx, two.Dx);
        var direct = new float[length];
        TanhKernel.Forward<float>(x, direct);
        Assert.Equal(direct, two.Y);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void An_update_and_a_clear_reach_every_value(int length)
    {
        var rng = new Rng(6);
        var g = KernelTestData.Values<double>(rng, length);
        var w = KernelTestData.Values<double>(rng, length);
        var expected = w.Select((v, i) => Math.FusedMultiplyAdd(g[i], -0.5, v)).ToArray();

        WithThreads(2, () => ParallelChunks.Update<double>(g, w, -0.5, &AddScaled));

        Assert.Equal(expected, w);
        WithThreads(2, () => ParallelChunks.Clear<double>(w));
        Assert.All(w, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Spans_are_cut_only_when_long_and_threads_are_allowed()
    {
        WithThreads(2, () =>
        {
            Assert.Equal(1, ParallelChunks.Parts(ParallelChunks.MinLength - 1));
            Assert.Equal(2, ParallelChunks.Parts(ParallelChunks.MinLength));
        });
        WithThreads(1, () => Assert.Equal(1, ParallelChunks.Parts(1 << 24)));
    }

    private static void AddScaled(ReadOnlySpan<double> g, Span<double> w, double s)
    {
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = Math.FusedMultiplyAdd(g[i], s, w[i]);
        }
    }

    private static void WithThreads(int threads, Action action)
    {
        var saved = Gemm.MaxThreads;
        Gemm.MaxThreads = threads;
        try
        {
            action();
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }
}
