using System.Numerics;
using Astrograd.Kernels;

namespace Astrograd.Tests.Kernels;

// Each kernel against a plain reference at every length 0..256, in float and double, through the vector
// entry point and through its scalar form (the whole computation when hardware acceleration is off).
public class MaskKernelsTests
{
    private static readonly double[] _ties = [-1, 0, 1];

    public static TheoryData<string> Types => new() { "float", "double" };

    [Theory]
    [MemberData(nameof(Types))]
    public void AddWhereInside_matches_the_reference_at_every_length(string type) =>
        Run(type, new InsideCheck());

    [Theory]
    [MemberData(nameof(Types))]
    public void AddWhereGreater_matches_the_reference_at_every_length(string type) =>
        Run(type, new GreaterCheck());

    [Theory]
    [MemberData(nameof(Types))]
    public void AddWhereNonZero_matches_the_reference_at_every_length(string type) =>
        Run(type, new NonZeroCheck());

    [Theory]
    [MemberData(nameof(Types))]
    public void Select_matches_the_reference_at_every_length(string type) => Run(type, new SelectCheck());

    [Theory]
    [MemberData(nameof(Types))]
    public void AddSignTimes_matches_the_reference_at_every_length(string type) => Run(type, new SignCheck());

    [Theory]
    [MemberData(nameof(Types))]
    public void AddExceptZeroBase_matches_the_reference_at_every_length(string type) =>
        Run(type, new ZeroBaseCheck());

    [Fact]
    public void An_unselected_NaN_gradient_adds_exactly_nothing()
    {
        double[] mask = [0, 1, 0, 1, 0, 1, 0, 1, 0];
        var g = Enumerable.Repeat(double.NaN, 9).ToArray();
        var dst = new double[9];

        MaskKernels.AddWhereNonZero<double>(mask, g, dst, whenNonZero: false);

        // Selected where the mask is 0 (even positions); the odd positions must stay exactly 0, not NaN.
        Assert.All(dst.Where((_, i) => i % 2 == 0), v => Assert.True(double.IsNaN(v)));
        Assert.All(dst.Where((_, i) => i % 2 == 1), v => Assert.Equal(0.0, v));
    }

    private static void Run(string type, ICheck check)
    {
        if (type == "float")
        {
            check.Run<float>();
        }
        else
        {
            check.Run<double>();
        }
    }

    // One kernel's comparison, generic over the element type.
    private interface ICheck
    {
        void Run<T>()
            where T : unmanaged, IFloatingPointIeee754<T>;
    }

    private static (T[] Vector, T[] Scalar, T[] Reference) Accumulators<T>(Rng rng, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var start = KernelTestData.Values<T>(rng, n);
        return ((T[])start.Clone(), (T[])start.Clone(), start);
    }

    private sealed class InsideCheck : ICheck
    {
        public void Run<T>()
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var rng = new Rng(11);
            T low = T.CreateChecked(-0.5), high = T.One;
            for (var n = 0; n <= KernelTestData.MaxLength; n++)
            {
                var x = KernelTestData.Values<T>(rng, n, [-0.5, 1, 0.2, -3]);
                var g = KernelTestData.Values<T>(rng, n);
                var (vector, scalar, reference) = Accumulators<T>(rng, n);

                MaskKernels.AddWhereInside<T>(x, low, high, g, vector);
                MaskKernels.AddWhereInsideScalar<T>(x, low, high, g, scalar);
                for (var i = 0; i < n; i++)
                {
                    var inside = x[i] > low && x[i] < high;
                    reference[i] += inside ? g[i] : T.Zero;
                }

                KernelTestData.AssertBitwiseEqual<T>(reference, vector, $"vector, length {n}");
                KernelTestData.AssertBitwiseEqual<T>(reference, scalar, $"scalar, length {n}");
            }
        }
    }

    private sealed class GreaterCheck : ICheck
    {
        public void Run<T>()
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var rng = new Rng(12);
            foreach (var when in new[] { true, false })
            {
                for (var n = 0; n <= KernelTestData.MaxLength; n++)
                {
                    var x = KernelTestData.Values<T>(rng, n, _ties);
                    var y = KernelTestData.Values<T>(rng, n, _ties);
                    var g = KernelTestData.Values<T>(rng, n);
                    var (vector, scalar, reference) = Accumulators<T>(rng, n);

                    MaskKernels.AddWhereGreater<T>(x, y, g, vector, when);
                    MaskKernels.AddWhereGreaterScalar<T>(x, y, g, scalar, when);
                    for (var i = 0; i < n; i++)
                    {
                        var greater = !T.IsNaN(x[i]) && !T.IsNaN(y[i]) && x[i] > y[i];
                        reference[i] += greater == when ? g[i] : T.Zero;
                    }

                    KernelTestData.AssertBitwiseEqual<T>(reference, vector, $"vector, length {n}, {when}");
                    KernelTestData.AssertBitwiseEqual<T>(reference, scalar, $"scalar, length {n}, {when}");
                }
            }
        }
    }

    private sealed class NonZeroCheck : ICheck
    {
        public void Run<T>()
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var rng = new Rng(13);
            foreach (var when in new[] { true, false })
            {
                for (var n = 0; n <= KernelTestData.MaxLength; n++)
                {
                    var mask = KernelTestData.Values<T>(rng, n, [0, 1]);
                    var g = KernelTestData.Values<T>(rng, n);
                    var (vector, scalar, reference) = Accumulators<T>(rng, n);

                    MaskKernels.AddWhereNonZero<T>(mask, g, vector, when);
                    MaskKernels.AddWhereNonZeroScalar<T>(mask, g, scalar, when);
                    for (var i = 0; i < n; i++)
                    {
                        var set = T.IsNaN(mask[i]) || mask[i] != T.Zero;
                        reference[i] += set == when ? g[i] : T.Zero;
                    }

                    KernelTestData.AssertBitwiseEqual<T>(reference, vector, $"vector, length {n}, {when}");
                    KernelTestData.AssertBitwiseEqual<T>(reference, scalar, $"scalar, length {n}, {when}");
                }
            }
        }
    }

    private sealed class SelectCheck : ICheck
    {
        public void Run<T>()
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var rng = new Rng(14);
            for (var n = 0; n <= KernelTestData.MaxLength; n++)
            {
                var mask = KernelTestData.Values<T>(rng, n, [0, 1]);
                var a = KernelTestData.Values<T>(rng, n);
                var b = KernelTestData.Values<T>(rng, n);
                var vector = new T[n];
                var scalar = new T[n];
                var reference = new T[n];

                MaskKernels.Select<T>(mask, a, b, vector);
                MaskKernels.SelectScalar<T>(mask, a, b, scalar);
                for (var i = 0; i < n; i++)
                {
                    reference[i] = T.IsNaN(mask[i]) || mask[i] != T.Zero ? a[i] : b[i];
                }

                KernelTestData.AssertBitwiseEqual<T>(reference, vector, $"vector, length {n}");
                KernelTestData.AssertBitwiseEqual<T>(reference, scalar, $"scalar, length {n}");
            }
        }
    }

    private sealed class SignCheck : ICheck
    {
        public void Run<T>()
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var rng = new Rng(15);
            for (var n = 0; n <= KernelTestData.MaxLength; n++)
            {
                var x = KernelTestData.Values<T>(rng, n);
                var g = KernelTestData.Values<T>(rng, n);
                var (vector, scalar, reference) = Accumulators<T>(rng, n);

                MaskKernels.AddSignTimes<T>(x, g, vector);
                MaskKernels.AddSignTimesScalar<T>(x, g, scalar);
                for (var i = 0; i < n; i++)
                {
                    T sign = T.IsNaN(x[i]) || x[i] == T.Zero ? T.Zero : x[i] > T.Zero ? T.One : -T.One;
                    reference[i] += sign == T.Zero ? T.Zero : sign == T.One ? g[i] : -g[i];
                }

                KernelTestData.AssertBitwiseEqual<T>(reference, vector, $"vector, length {n}");
                KernelTestData.AssertBitwiseEqual<T>(reference, scalar, $"scalar, length {n}");
            }
        }
    }

    private sealed class ZeroBaseCheck : ICheck
    {
        public void Run<T>()
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var rng = new Rng(16);
            for (var n = 0; n <= KernelTestData.MaxLength; n++)
            {
                var a = KernelTestData.Values<T>(rng, n, [0, 2]);
                var b = KernelTestData.Values<T>(rng, n, [-1, 0, 1]);
                var product = KernelTestData.Values<T>(rng, n);
                var (vector, scalar, reference) = Accumulators<T>(rng, n);

                MaskKernels.AddExceptZeroBase<T>(a, b, product, vector);
                MaskKernels.AddExceptZeroBaseScalar<T>(a, b, product, scalar);
                for (var i = 0; i < n; i++)
                {
                    var flat = a[i] == T.Zero && !T.IsNaN(b[i]) && b[i] >= T.Zero;
                    reference[i] += flat ? T.Zero : product[i];
                }

                KernelTestData.AssertBitwiseEqual<T>(reference, vector, $"vector, length {n}");
                KernelTestData.AssertBitwiseEqual<T>(reference, scalar, $"scalar, length {n}");
            }
        }
    }
}
