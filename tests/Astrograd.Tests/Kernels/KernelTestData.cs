using System.Numerics;

namespace Astrograd.Tests.Kernels;

/// <summary>Inputs for kernel-versus-reference tests: random values salted with the special ones.</summary>
internal static class KernelTestData
{
    /// <summary>Every length the kernels are checked at: 0 through 256, covering each vector width and tail.</summary>
    public const int MaxLength = 256;

    // Values that break careless comparisons and selects: signed zeros, infinities, NaN, exact ties.
    private static readonly double[] _special = [0.0, -0.0, 1.0, -1.0, 0.5, double.NaN,
        double.PositiveInfinity, double.NegativeInfinity];

    /// <summary>
    /// <paramref name="length"/> values: with probability 1/3 a special value, otherwise uniform on [−2, 2]
    /// (or a value from <paramref name="few"/> when given, so that ties are common).
    /// </summary>
    public static T[] Values<T>(Rng rng, int length, double[]? few = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[length];
        for (var i = 0; i < length; i++)
        {
            double v;
            if (rng.NextInt(3) == 0)
            {
                v = _special[rng.NextInt(_special.Length)];
            }
            else
            {
                v = few is null ? rng.NextUniform(-2, 2) : few[rng.NextInt(few.Length)];
            }

            values[i] = T.CreateChecked(v);
        }

        return values;
    }

    /// <summary>Bit-for-bit equality of two spans (NaN equals NaN, +0 differs from −0).</summary>
    public static void AssertBitwiseEqual<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var same = (T.IsNaN(expected[i]) && T.IsNaN(actual[i])) ||
                (expected[i] == actual[i] && T.IsNegative(expected[i]) == T.IsNegative(actual[i]));
            if (!same)
            {
                Assert.Fail($"{what}: element {i} of {expected.Length}: expected {expected[i]}, got {actual[i]}");
            }
        }
    }
}
