using System.Numerics;
using Astrograd.Kernels;

namespace Astrograd.Tests.Kernels;

public class ExtremumReductionsTests
{
    private static readonly double[] _ties = [-1, 0, 1, 2];

    [Fact]
    public void Contiguous_and_strided_searches_agree_with_the_reference_at_every_length_in_float() =>
        CheckEveryLength<float>();

    [Fact]
    public void Contiguous_and_strided_searches_agree_with_the_reference_at_every_length_in_double() =>
        CheckEveryLength<double>();

    [Fact]
    public void An_empty_outer_extent_writes_nothing()
    {
        var values = Array.Empty<double>();
        var index = Array.Empty<int>();

        ExtremumReductions.Axis<double>(ReadOnlySpan<double>.Empty, 0, 3, 1, minimum: false, values, index);

        Assert.Empty(values);
    }

    [Fact]
    public void Ties_go_to_the_first_position_and_NaN_wins()
    {
        double[] src = [1, 3, 3, double.NaN, 2, double.NaN];
        var values = new double[1];
        var index = new int[1];

        ExtremumReductions.AxisStrided<double>(src.AsSpan(0, 3), 1, 3, 1, minimum: false, values, index);
        Assert.Equal((3.0, 1), (values[0], index[0]));

        ExtremumReductions.AxisStrided<double>(src.AsSpan(1, 5), 1, 5, 1, minimum: true, values, index);
        Assert.True(double.IsNaN(values[0]));
        Assert.Equal(2, index[0]);
    }

    private static void CheckEveryLength<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Rng(21);
        foreach (var minimum in new[] { false, true })
        {
            for (var n = 1; n <= KernelTestData.MaxLength; n++)
            {
                // Contiguous (inner 1, the IndexOfMax path) and strided (inner 3) layouts of the same search.
                foreach (var (outer, inner) in new[] { (1, 1), (2, 1), (2, 3) })
                {
                    var src = KernelTestData.Values<T>(rng, outer * n * inner, _ties);
                    var values = new T[outer * inner];
                    var index = new int[outer * inner];
                    var stridedValues = new T[outer * inner];
                    var stridedIndex = new int[outer * inner];

                    ExtremumReductions.Axis<T>(src, outer, n, inner, minimum, values, index);
                    ExtremumReductions.AxisStrided<T>(src, outer, n, inner, minimum, stridedValues, stridedIndex);

                    for (var k = 0; k < outer * inner; k++)
                    {
                        var (o, i) = (k / inner, k % inner);
                        var expected = ReferenceIndex(src, o, n, inner, i, minimum);
                        if (expected != index[k] || expected != stridedIndex[k])
                        {
                            Assert.Fail($"n {n}, outer {outer}, inner {inner}, minimum {minimum}, output {k}: " +
                                $"contiguous index {index[k]}, strided {stridedIndex[k]}, expected {expected}");
                        }

                        KernelTestData.AssertBitwiseEqual<T>([src[(((o * n) + expected) * inner) + i]], [values[k]],
                            "value");
                    }
                }
            }
        }
    }

    // The rule spelled out: first NaN; else the largest (smallest) value, +0 above −0; first among equals.
    private static int ReferenceIndex<T>(T[] src, int o, int n, int inner, int i, bool minimum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = Enumerable.Range(0, n).Select(j => src[(((o * n) + j) * inner) + i]).ToArray();
        var firstNaN = Array.FindIndex(values, T.IsNaN);
        if (firstNaN >= 0)
        {
            return firstNaN;
        }

        var best = 0;
        for (var j = 1; j < n; j++)
        {
            var better = minimum ? values[j] < values[best] : values[j] > values[best];
            var zeroes = values[j] == T.Zero && values[best] == T.Zero;
            var signWins = zeroes && (minimum
                ? T.IsNegative(values[j]) && !T.IsNegative(values[best])
                : !T.IsNegative(values[j]) && T.IsNegative(values[best]));
            if (better || signWins)
            {
                best = j;
            }
        }

        return best;
    }
}
