using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Astrograd.Kernels;

/// <summary>
/// The dense matrix product C = (accumulate ? C : 0) + op(A) · op(B) on row-major, contiguous spans.
/// op(A) is [m, k]: A is stored [m, k], or [k, m] when transA. op(B) is [k, n]: B is stored [k, n], or
/// [n, k] when transB. C is [m, n].
/// </summary>
/// <remarks>
/// Packed and cache-blocked around a register-tiled micro-kernel (512-bit, 256-bit or scalar, chosen
/// from the hardware at start-up). Deterministic: the same inputs give the same bits on every call, and
/// the same bits whatever the number of threads, because threads split C and never the depth k. The
/// paths round differently (the vector kernels fuse each multiply-add, the scalar one does not), so bits
/// agree within a path, and across paths only to rounding. Zeros are not skipped, so NaN and infinity
/// propagate as IEEE arithmetic says. Products of at least 2^21 multiply-adds are split over up to one
/// thread per processor; smaller ones run on the caller's thread and allocate nothing once warm. Products with a
/// dimension of 1 go to <see cref="GemmThin"/> (on the vector paths).
/// </remarks>
internal static unsafe class Gemm
{
    // Below this many multiply-adds a second thread costs more than it saves.
    private const long ParallelThreshold = 1L << 21;

    [ThreadStatic]
    private static GemmPath? _forcedPath;

    [ThreadStatic]
    private static int? _maxThreads;

    /// <summary>The fastest path this machine supports; used unless <see cref="ForcedPath"/> is set.</summary>
    public static GemmPath DetectedPath { get; } = Detect();

    /// <summary>
    /// Overrides the path for calls made from this thread, including the work they hand to other threads
    /// (tests run every path this way); null to use <see cref="DetectedPath"/>.
    /// </summary>
    public static GemmPath? ForcedPath
    {
        get => _forcedPath;
        set => _forcedPath = value;
    }

    /// <summary>Caps the threads used by calls made from this thread; null for the processor count.</summary>
    public static int? MaxThreads
    {
        get => _maxThreads;
        set => _maxThreads = value is null or >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Gemm: MaxThreads must be at least 1.");
    }

    /// <summary>C = (accumulate ? C : 0) + op(A) · op(B) in single precision.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">
    /// A span's length is not its stored shape's size (a: m·k, b: k·n, c: m·n), or c overlaps a or b.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, bool accumulate)
    {
        Validate(transA, transB, m, n, k, a.Length, b.Length, c.Length);
        if (c.Overlaps(a) || c.Overlaps(b))
        {
            throw new ArgumentException("Gemm: c overlaps an input; write the product to a separate buffer.",
                nameof(c));
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            Execute(new GemmProblem<float>(transA, transB, m, n, k, pa, pb, pc, accumulate), c);
        }
    }

    /// <summary>C = (accumulate ? C : 0) + op(A) · op(B) in double precision.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">
    /// A span's length is not its stored shape's size (a: m·k, b: k·n, c: m·n), or c overlaps a or b.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, bool accumulate)
    {
        Validate(transA, transB, m, n, k, a.Length, b.Length, c.Length);
        if (c.Overlaps(a) || c.Overlaps(b))
        {
            throw new ArgumentException("Gemm: c overlaps an input; write the product to a separate buffer.",
                nameof(c));
        }

        fixed (double* pa = a, pb = b, pc = c)
        {
            Execute(new GemmProblem<double>(transA, transB, m, n, k, pa, pb, pc, accumulate), c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Execute<T>(in GemmProblem<T> pr, Span<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (pr.M == 0 || pr.N == 0)
        {
            return;
        }

        if (pr.K == 0)
        {
            // An empty sum: C keeps its value or becomes zero.
            if (!pr.Accumulate)
            {
                c.Clear();
            }

            return;
        }

        var path = ForcedPath ?? DetectedPath;

        // The scalar path stays the plain reference for every shape.
        if (path != GemmPath.Scalar && GemmThin.Handles(pr))
        {
            GemmThin.Run(pr);
            return;
        }

        switch (path)
        {
            case GemmPath.Vector512:
                Split<T, Kernel512<T>>(pr);
                break;
            case GemmPath.Vector256:
                Split<T, Kernel256<T>>(pr);
                break;
            default:
                Split<T, KernelScalar<T>>(pr);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Split<T, TKernel>(GemmProblem<T> pr)
        where T : unmanaged, INumber<T>
        where TKernel : struct, IGemmKernel<T>
    {
        // Split the longer side of C into whole tiles; the depth is never split.
        var byRows = pr.M >= pr.N;
        var tile = byRows ? TKernel.Mr : TKernel.Nr;
        var side = byRows ? pr.M : pr.N;
        var tiles = (side + tile - 1) / tile;

        // Each part repacks the operand it shares with the others (all of B for a row split, all of A
        // for a column split), so a part gets at least eight row tiles or four column strips, which
        // keeps that copy to a few percent of the part's arithmetic.
        var units = side / (byRows ? 8 * TKernel.Mr : 4 * TKernel.Nr);
        var parts = PlanParts((long)pr.M * pr.N * pr.K, units, MaxThreads ?? Environment.ProcessorCount);
        if (parts == 1)
        {
            GemmDriver<T, TKernel>.Run(pr, 0, pr.M, 0, pr.N);
            return;
        }

        RunParallel<T, TKernel>(pr, byRows, tile, tiles, parts);
    }

    private static void RunParallel<T, TKernel>(GemmProblem<T> pr, bool byRows, int tile, int tiles, int parts)
        where T : unmanaged, INumber<T>
        where TKernel : struct, IGemmKernel<T>
    {
        var job = GemmJob<T, TKernel>.ForThisThread;
        job.Set(pr, byRows, tile, tiles);
        try
        {
            KernelThreads.Run(job, parts);
        }
        finally
        {
            job.Set(default, false, 0, 0);
        }
    }

    /// <summary>A product's parts: whole tiles of the split side of C, one range per part.</summary>
    private sealed class GemmJob<T, TKernel> : ParallelJob
        where T : unmanaged, INumber<T>
        where TKernel : struct, IGemmKernel<T>
    {
        // One per calling thread, reused, so a threaded product allocates nothing once warm.
        [ThreadStatic]
        private static GemmJob<T, TKernel>? _forThisThread;

        private GemmProblem<T> _problem;
        private bool _byRows;
        private int _tile;
        private int _tiles;

        public static GemmJob<T, TKernel> ForThisThread => _forThisThread ??= new GemmJob<T, TKernel>();

        public void Set(GemmProblem<T> problem, bool byRows, int tile, int tiles) =>
            (_problem, _byRows, _tile, _tiles) = (problem, byRows, tile, tiles);

        public override void RunPart(int part, int parts)
        {
            var side = _byRows ? _problem.M : _problem.N;
            var start = (int)Math.Min((long)_tiles * part / parts * _tile, side);
            var end = (int)Math.Min((long)_tiles * (part + 1) / parts * _tile, side);
            if (_byRows)
            {
                GemmDriver<T, TKernel>.Run(_problem, start, end, 0, _problem.N);
            }
            else
            {
                GemmDriver<T, TKernel>.Run(_problem, 0, _problem.M, start, end);
            }
        }
    }

    /// <summary>
    /// How many threads share a product of <paramref name="work"/> multiply-adds whose split side holds
    /// <paramref name="units"/> whole units (row blocks or groups of column strips): one below the
    /// threshold, else up to <paramref name="maxThreads"/>, with at least one unit and half the
    /// threshold of work each.
    /// </summary>
    internal static int PlanParts(long work, int units, int maxThreads)
    {
        if (work < ParallelThreshold)
        {
            return 1;
        }

        return (int)Math.Max(1, Math.Min(Math.Min(maxThreads, units), work / (ParallelThreshold / 2)));
    }

    private static void Validate(bool transA, bool transB, int m, int n, int k, int aLength, int bLength,
        int cLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        CheckLength("a", aLength, m, k, transA);
        CheckLength("b", bLength, k, n, transB);
        CheckLength("c", cLength, m, n, transposed: false);
    }

    private static void CheckLength(string name, int actual, int rows, int cols, bool transposed)
    {
        var expected = (long)rows * cols;
        if (actual != expected)
        {
            var shape = transposed ? $"[{cols}, {rows}]" : $"[{rows}, {cols}]";
            throw new ArgumentException(
                $"Gemm: {name} holds {actual} values, but its stored shape {shape} needs {expected}; " +
                $"pass a span of exactly {expected} values.", name);
        }
    }

    private static GemmPath Detect()
    {
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            return GemmPath.Vector512;
        }

        return Vector256.IsHardwareAccelerated && Fma.IsSupported ? GemmPath.Vector256 : GemmPath.Scalar;
    }
}
