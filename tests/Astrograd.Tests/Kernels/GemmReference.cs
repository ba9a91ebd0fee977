using System.Globalization;
using Astrograd.Kernels;

namespace Astrograd.Tests.Kernels;

/// <summary>
/// A plain triple loop in double precision that the kernel is checked against, plus the data helpers
/// the Gemm tests share.
/// </summary>
internal static class GemmReference
{
    public static readonly GemmPath[] Paths = [GemmPath.Scalar, GemmPath.Vector256, GemmPath.Vector512];

    public static readonly (bool TransA, bool TransB)[] Orientations =
        [(false, false), (false, true), (true, false), (true, true)];

    /// <summary>
    /// C = (c0 ?? 0) + op(A) · op(B), summed in double; also the error scale of each element,
    /// Σ_p |op(A)[i,p] · op(B)[p,j]| + |c0[i,j]|, to which a rounding error is proportional.
    /// </summary>
    public static (double[] Value, double[] Scale) Product(bool transA, bool transB, int m, int n, int k,
        double[] a, double[] b, double[]? c0)
    {
        var value = new double[m * n];
        var scale = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = c0?[(i * n) + j] ?? 0.0;
                var size = Math.Abs(sum);
                for (var p = 0; p < k; p++)
                {
                    var term = (transA ? a[(p * m) + i] : a[(i * k) + p]) * (transB ? b[(j * k) + p] : b[(p * n) + j]);
                    sum += term;
                    size += Math.Abs(term);
                }

                value[(i * n) + j] = sum;
                scale[(i * n) + j] = size;
            }
        }

        return (value, scale);
    }

    public static double[] Uniform(Rng rng, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = rng.NextUniform(-1, 1);
        }

        return values;
    }

    public static float[] ToSingle(double[] values) => Array.ConvertAll(values, v => (float)v);

    public static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

    /// <summary>Fails on the first element outside relative tolerance, naming the case and the element.</summary>
    public static void AssertClose(string label, int n, double[] expected, double[] scale, ReadOnlySpan<float> actual,
        double tolerance)
    {
        var widened = new double[actual.Length];
        for (var i = 0; i < actual.Length; i++)
        {
            widened[i] = actual[i];
        }

        AssertClose(label, n, expected, scale, widened, tolerance);
    }

    public static void AssertClose(string label, int n, double[] expected, double[] scale, ReadOnlySpan<double> actual,
        double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var e = 0; e < expected.Length; e++)
        {
            var error = Math.Abs(actual[e] - expected[e]);
            if (!(error <= (tolerance * scale[e]) + 1e-300))
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"{label}: C[{e / n}, {e % n}] = {actual[e]:R}, expected {expected[e]:R} " +
                    $"(error {error:E2}, allowed {tolerance * scale[e]:E2})"));
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> with the path and thread cap forced on this thread.</summary>
    public static void With(GemmPath path, int? maxThreads, Action action)
    {
        var (savedPath, savedThreads) = (Gemm.ForcedPath, Gemm.MaxThreads);
        Gemm.ForcedPath = path;
        Gemm.MaxThreads = maxThreads;
        try
        {
            action();
        }
        finally
        {
            Gemm.ForcedPath = savedPath;
            Gemm.MaxThreads = savedThreads;
        }
    }

    public static string Describe(GemmPath path, bool transA, bool transB, int m, int n, int k, bool accumulate) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{path} {(transA ? "T" : "N")}{(transB ? "T" : "N")} m={m} n={n} k={k} accumulate={accumulate}");
}
