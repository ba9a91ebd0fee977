using Astrograd.Kernels;
using static Astrograd.Tests.Kernels.GemmReference;

namespace Astrograd.Tests.Kernels;

public class GemmTests
{
    private const double SingleTolerance = 1e-5;
    private const double DoubleTolerance = 1e-12;

    // Zero and unit sides, primes, exact tile multiples and one past them, depths across a packing
    // block (256), and sides across the row (Mc) and column (Nc) blocks of every path.
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 0, 0, 0 }, { 0, 5, 3 }, { 5, 0, 3 }, { 5, 3, 0 }, { 1, 1, 1 }, { 1, 17, 1 }, { 17, 1, 1 },
        { 1, 1, 300 }, { 2, 3, 5 }, { 7, 11, 13 }, { 12, 32, 256 }, { 13, 33, 257 }, { 24, 64, 255 },
        { 37, 41, 43 }, { 64, 8, 64 }, { 64, 64, 8 }, { 64, 64, 64 }, { 100, 1, 100 }, { 1, 100, 100 },
        { 97, 89, 300 }, { 3, 2100, 5 }, { 257, 511, 130 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_matches_the_double_reference_for_every_orientation_and_path(int m, int n, int k)
    {
        var rng = new Rng(Rng.DeriveSeed(7, (ulong)((m * 1_000_003) + (n * 1009) + k)));

        // A large shape runs one of the three products per orientation and path, each of them on every path.
        var heavy = (long)m * n * k > 1 << 20;
        for (var o = 0; o < Orientations.Length; o++)
        {
            var (transA, transB) = Orientations[o];

            // Arrange: single-precision inputs; the reference widens them, so it also serves the double path.
            var a = ToSingle(Uniform(rng, m * k));
            var b = ToSingle(Uniform(rng, k * n));
            var c0 = ToSingle(Uniform(rng, m * n));
            var (ad, bd) = (ToDouble(a), ToDouble(b));
            var (fresh, scale) = Product(transA, transB, m, n, k, ad, bd, null);
            var added = fresh.Select((v, e) => v + c0[e]).ToArray();
            var addedScale = scale.Select((v, e) => v + Math.Abs(c0[e])).ToArray();

            for (var q = 0; q < Paths.Length; q++)
            {
                var path = Paths[q];
                var only = heavy ? (o + q) % 3 : -1;

                // Act: a fresh product over a C full of NaN (which must be ignored), an accumulation, and
                // the fresh product in double.
                var c = Enumerable.Repeat(float.NaN, m * n).ToArray();
                var sum = (float[])c0.Clone();
                var cd = Enumerable.Repeat(double.NaN, m * n).ToArray();
                With(path, null, () =>
                {
                    if (only is -1 or 0)
                    {
                        Gemm.Multiply(transA, transB, m, n, k, a, b, c, accumulate: false);
                    }

                    if (only is -1 or 1)
                    {
                        Gemm.Multiply(transA, transB, m, n, k, a, b, sum, accumulate: true);
                    }

                    if (only is -1 or 2)
                    {
                        Gemm.Multiply(transA, transB, m, n, k, ad, bd, cd, accumulate: false);
                    }
                });

                // Assert
                var label = Describe(path, transA, transB, m, n, k, false);
                if (only is -1 or 0)
                {
                    AssertClose(label, n, fresh, scale, c, SingleTolerance);
                }

                if (only is -1 or 1)
                {
                    AssertClose(Describe(path, transA, transB, m, n, k, true), n, added, addedScale, sum,
                        SingleTolerance);
                }

                if (only is -1 or 2)
                {
                    AssertClose("double " + label, n, fresh, scale, cd, DoubleTolerance);
                }
            }
        }
    }

    [Theory]
    [InlineData("Scalar")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void Multiply_matches_the_reference_for_every_small_m_and_n(string pathName)
    {
        var path = Enum.Parse<GemmPath>(pathName);

        var rng = new Rng(11);
        for (var m = 0; m <= 40; m++)
        {
            for (var n = 0; n <= 40; n++)
            {
                foreach (var k in new[] { 1, 5, 17 })
                {
                    var (transA, transB) = Orientations[(m + n + k) % 4];
                    var accumulate = (m + n) % 2 == 1;
                    CheckSingle(rng, path, transA, transB, m, n, k, accumulate);
                }
            }
        }
    }

    [Theory]
    [InlineData("Scalar")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void Multiply_matches_the_reference_when_a_few_rows_read_a_large_b_in_place(string pathName)
    {
        var path = Enum.Parse<GemmPath>(pathName);

        // A single row tile of C reads a B of more than 32 KB where it lies (no packing): every row count up to
        // a tile and a half, ragged column strips, depths across a depth block.
        var rng = new Rng(19);
        for (var m = 2; m <= 18; m++)
        {
            foreach (var (n, k) in new[] { (100, 300), (67, 513) })
            {
                CheckSingle(rng, path, m % 2 == 0, false, m, n, k, accumulate: m % 3 == 0);
            }
        }
    }

    [Theory]
    [InlineData("Scalar")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void Multiply_matches_the_reference_for_vectors_of_every_length_up_to_256(string pathName)
    {
        var path = Enum.Parse<GemmPath>(pathName);

        var rng = new Rng(13);
        for (var length = 0; length <= 256; length++)
        {
            var (transA, transB) = Orientations[length % 4];

            // A row times a matrix and a matrix times a column at every length; outer products at some.
            CheckSingle(rng, path, transA, transB, 1, length, length, accumulate: false);
            CheckSingle(rng, path, transA, transB, length, 1, length, accumulate: true);
            if (length <= 64 || length % 16 == 1)
            {
                CheckSingle(rng, path, transA, transB, length, length, 1, accumulate: length % 2 == 0);
            }
        }
    }

    [Theory]
    [InlineData("Scalar", 400, 48, 110)]
    [InlineData("Vector256", 400, 48, 110)]
    [InlineData("Vector512", 400, 48, 110)]
    [InlineData("Vector512", 64, 500, 80)]
    [InlineData("Vector256", 64, 500, 80)]
    public void Multiply_gives_the_same_bits_on_every_call_and_any_thread_count(string pathName, int m, int n, int k)
    {
        var path = Enum.Parse<GemmPath>(pathName);

        // Arrange
        var rng = new Rng(17);
        var a = ToSingle(Uniform(rng, m * k));
        var b = ToSingle(Uniform(rng, k * n));
        var c0 = ToSingle(Uniform(rng, m * n));
        Assert.True(Gemm.PlanParts((long)m * n * k, units: 2, maxThreads: 2) == 2, "the shape is split in two");

        foreach (var (transA, transB) in Orientations)
        {
            // Act
            var runs = new List<float[]>();
            foreach (var threads in new int?[] { 1, 2, 2, null })
            {
                var c = (float[])c0.Clone();
                With(path, threads, () => Gemm.Multiply(transA, transB, m, n, k, a, b, c, accumulate: true));
                runs.Add(c);
            }

            // Assert
            var first = Array.ConvertAll(runs[0], BitConverter.SingleToInt32Bits);
            foreach (var run in runs.Skip(1))
            {
                Assert.Equal(first, Array.ConvertAll(run, BitConverter.SingleToInt32Bits));
            }
        }
    }

    [Fact]
    public void Multiply_called_from_many_threads_at_once_gives_each_the_single_thread_bits()
    {
        // Arrange: products of different shapes, so each thread's packing buffers see other sizes.
        var rng = new Rng(19);
        var cases = Enumerable.Range(0, 8).Select(i =>
        {
            var (m, n, k) = (20 + (13 * i), 90 - (7 * i), 40 + (31 * i));
            return (m, n, k, A: ToSingle(Uniform(rng, m * k)), B: ToSingle(Uniform(rng, k * n)));
        }).ToArray();
        var expected = cases.Select(t =>
        {
            var c = new float[t.m * t.n];
            Gemm.Multiply(false, true, t.m, t.n, t.k, t.A, t.B, c, accumulate: false);
            return c;
        }).ToArray();

        // Act
        var actual = new float[cases.Length][];
        Parallel.For(0, cases.Length * 4, r =>
        {
            var t = cases[r % cases.Length];
            var c = new float[t.m * t.n];
            Gemm.Multiply(false, true, t.m, t.n, t.k, t.A, t.B, c, accumulate: false);
            if (r >= cases.Length * 3)
            {
                actual[r % cases.Length] = c;
            }
        });

        // Assert
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Equal(Array.ConvertAll(expected[i], BitConverter.SingleToInt32Bits),
                Array.ConvertAll(actual[i], BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void PlanParts_keeps_small_products_on_one_thread_and_gives_each_thread_a_whole_unit()
    {
        Assert.Equal(1, Gemm.PlanParts(64L * 64 * 64, units: 6, maxThreads: 2));
        Assert.Equal(1, Gemm.PlanParts(512L * 512 * 512, units: 2, maxThreads: 1));
        Assert.Equal(2, Gemm.PlanParts(512L * 512 * 512, units: 2, maxThreads: 2));
        Assert.Equal(5, Gemm.PlanParts(1024L * 1024 * 1024, units: 5, maxThreads: 64));
        Assert.Equal(1, Gemm.PlanParts(1024L * 1024 * 1024, units: 1, maxThreads: 2));
    }

    [Theory]
    [InlineData("Scalar")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void Multiply_propagates_nan_and_infinity_without_skipping_zeros(string pathName)
    {
        var path = Enum.Parse<GemmPath>(pathName);

        const int M = 13, N = 37, K = 19;
        foreach (var (transA, transB) in Orientations)
        {
            // Arrange: op(A)[2, 3] is NaN; op(B)[1, 4] is +∞ met by op(A)[0, 1] = 0, [1, 1] = 2, [3, 1] = -1.
            var opA = new float[M * K];
            var opB = new float[K * N];
            Array.Fill(opA, 0.5f);
            Array.Fill(opB, 0.25f);
            opA[(2 * K) + 3] = float.NaN;
            opA[(0 * K) + 1] = 0f;
            opA[(1 * K) + 1] = 2f;
            opA[(3 * K) + 1] = -1f;
            opB[(1 * N) + 4] = float.PositiveInfinity;
            var a = transA ? Transpose(opA, M, K) : opA;
            var b = transB ? Transpose(opB, K, N) : opB;
            var c = new float[M * N];

            // Act
            With(path, null, () => Gemm.Multiply(transA, transB, M, N, K, a, b, c, accumulate: false));

            // Assert
            var label = Describe(path, transA, transB, M, N, K, false);
            Assert.All(Enumerable.Range(0, N), j => Assert.True(float.IsNaN(c[(2 * N) + j]), label));
            Assert.True(float.IsNaN(c[4]), label + ": 0 · ∞ is NaN");
            Assert.Equal(float.PositiveInfinity, c[N + 4]);
            Assert.Equal(float.NegativeInfinity, c[(3 * N) + 4]);
            Assert.True(float.IsFinite(c[(5 * N) + 5]), label);
        }
    }

    [Fact]
    public void Multiply_with_empty_depth_clears_or_keeps_c()
    {
        // Arrange
        var fresh = new float[] { 1, 2, 3, 4, 5, 6 };
        var kept = new double[] { 1, 2, 3, 4, 5, 6 };

        // Act
        Gemm.Multiply(false, false, 2, 3, 0, ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, fresh, false);
        Gemm.Multiply(true, true, 2, 3, 0, ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, kept, true);

        // Assert
        Assert.All(fresh, v => Assert.Equal(0f, v));
        Assert.Equal([1.0, 2, 3, 4, 5, 6], kept);
    }

    [Theory]
    [InlineData("a", 11, 20, 15)]
    [InlineData("b", 12, 19, 15)]
    [InlineData("c", 12, 20, 16)]
    public void Multiply_rejects_a_span_of_the_wrong_length_naming_the_operand(string operand, int aLength,
        int bLength, int cLength)
    {
        // Arrange: Aᵀ stored [4, 3] times B [4, 5] needs 12, 20 and 15 values; one operand is off by one.
        var a = new float[aLength];
        var b = new float[bLength];
        var c = new float[cLength];

        // Act
        var error = Assert.Throws<ArgumentException>(() => Gemm.Multiply(true, false, 3, 5, 4, a, b, c, false));

        // Assert
        Assert.Equal(operand, error.ParamName);
        var expected = operand switch { "a" => "12", "b" => "20", _ => "15" };
        var actual = operand switch { "a" => "11", "b" => "19", _ => "16" };
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(actual, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multiply_rejects_negative_sizes_and_an_output_that_overlaps_an_input()
    {
        var buffer = new float[16];

        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(false, false, -1, 2, 2,
            buffer.AsSpan(0, 0), buffer.AsSpan(0, 4), new float[0], false));
        var overlap = Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 2, 2,
            buffer.AsSpan(0, 4), buffer.AsSpan(4, 4), buffer.AsSpan(2, 4), false));
        Assert.Equal("c", overlap.ParamName);
    }

    [Theory]
    [InlineData("Scalar")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void Multiply_allocates_nothing_once_warm_on_small_shapes(string pathName)
    {
        var path = Enum.Parse<GemmPath>(pathName);

        // Arrange: the shapes of a small MLP's forward and backward passes.
        (bool TransA, bool TransB, int M, int N, int K)[] shapes =
        [
            (false, false, 64, 64, 8), (false, true, 64, 64, 64), (true, false, 64, 8, 64),
            (false, true, 16, 256, 256),
        ];
        var a = new float[64 * 256];
        var b = new float[256 * 256];
        var c = new float[64 * 256];
        long allocated = -1;

        // Act
        With(path, 1, () =>
        {
            Run();
            var before = GC.GetAllocatedBytesForCurrentThread();
            Run();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });

        // Assert
        Assert.Equal(0, allocated);

        void Run()
        {
            foreach (var (transA, transB, m, n, k) in shapes)
            {
                Gemm.Multiply(transA, transB, m, n, k, a.AsSpan(0, m * k), b.AsSpan(0, k * n), c.AsSpan(0, m * n),
                    accumulate: true);
            }
        }
    }

    private static void CheckSingle(Rng rng, GemmPath path, bool transA, bool transB, int m, int n, int k,
        bool accumulate)
    {
        var a = ToSingle(Uniform(rng, m * k));
        var b = ToSingle(Uniform(rng, k * n));
        var c0 = ToSingle(Uniform(rng, m * n));
        var (expected, scale) = Product(transA, transB, m, n, k, ToDouble(a), ToDouble(b),
            accumulate ? ToDouble(c0) : null);

        var c = (float[])c0.Clone();
        With(path, null, () => Gemm.Multiply(transA, transB, m, n, k, a, b, c, accumulate));

        AssertClose(Describe(path, transA, transB, m, n, k, accumulate), n, expected, scale, c, SingleTolerance);
    }

    private static float[] Transpose(float[] values, int rows, int cols)
    {
        var result = new float[values.Length];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                result[(j * rows) + i] = values[(i * cols) + j];
            }
        }

        return result;
    }
}
