using Astrograd.Kernels;

namespace Astrograd.Tests.Kernels;

public class TransposeKernelTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 1, 2)]
    [InlineData(2, 3, 1)]
    [InlineData(2, 1, 3)]
    public void Swapping_matches_the_index_formula_for_every_extent_up_to_70(int outer, int middle, int inner)
    {
        var rng = new Rng(31);

        // 70 crosses two 32-wide tiles and leaves a ragged edge; square extents stop at 40 to stay quick.
        var extents = Enumerable.Range(0, 71).SelectMany(p => new[] { (p, 1), (p, 33), (1, p) })
            .Concat(Enumerable.Range(0, 41).Select(p => (p, p)));
        foreach (var (p, q) in extents)
        {
            var src = KernelTestData.Values<double>(rng, outer * p * middle * q * inner);
            var dst = new double[src.Length];
            var accumulated = KernelTestData.Values<double>(rng, src.Length);
            var expected = new double[src.Length];
            var expectedSum = (double[])accumulated.Clone();
            for (var o = 0; o < outer; o++)
            {
                for (var a = 0; a < p; a++)
                {
                    for (var m = 0; m < middle; m++)
                    {
                        for (var b = 0; b < q; b++)
                        {
                            for (var i = 0; i < inner; i++)
                            {
                                var from = (((((((o * p) + a) * middle) + m) * q) + b) * inner) + i;
                                var to = (((((((o * q) + b) * middle) + m) * p) + a) * inner) + i;
                                expected[to] = src[from];
                                expectedSum[to] += src[from];
                            }
                        }
                    }
                }
            }

            TransposeKernel.SwapAxes<double>(src, dst, outer, p, middle, q, inner, accumulate: false);
            TransposeKernel.SwapAxes<double>(src, accumulated, outer, p, middle, q, inner, accumulate: true);

            KernelTestData.AssertBitwiseEqual<double>(expected, dst, $"copy, p {p}, q {q}");
            KernelTestData.AssertBitwiseEqual<double>(expectedSum, accumulated, $"accumulate, p {p}, q {q}");
        }
    }
}
