using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Astrograd.Kernels;

/// <summary>
/// Runs an elementwise kernel over long spans in chunks on <see cref="KernelThreads"/>: the tanh and the
/// optimizer update of a wide layer (half a million values and more) would otherwise leave the second core idle
/// between two threaded matrix products.
/// </summary>
/// <remarks>
/// Chunks start on multiples of <see cref="Alignment"/> values, so every chunk but the last is whole vectors and
/// each element is computed by the same code, with the same bits, whatever the number of threads. Spans shorter
/// than <see cref="MinLength"/>, and calls on a thread whose <see cref="Gemm.MaxThreads"/> is 1 (a restart of a
/// multi-start), run on the caller alone. A body is a static method, passed as a function pointer, so a call
/// allocates nothing.
/// </remarks>
internal static unsafe class ParallelChunks
{
    /// <summary>Below this many values a second thread costs more than it saves.</summary>
    public const int MinLength = 1 << 16;

    /// <summary>Chunk boundaries fall on multiples of this many values (a 512-bit vector of bytes).</summary>
    public const int Alignment = 64;

    /// <summary>y = f(x) over equal-length spans, where <paramref name="kernel"/> computes f on slices.</summary>
    public static void Map<T>(ReadOnlySpan<T> x, Span<T> y, delegate*<ReadOnlySpan<T>, Span<T>, void> kernel)
        where T : unmanaged, INumber<T>
    {
        Debug.Assert(x.IsEmpty || x.Length == y.Length, "x and y have one length");
        var parts = Parts(y.Length);
        if (parts <= 1)
        {
            kernel(x, y);
            return;
        }

        fixed (T* px = x, py = y)
        {
            Run(new Operands<T>(px, null, py, T.Zero, y.Length), parts, kernel, null, null);
        }
    }

    /// <summary>z = f(x, y) over equal-length spans (z may be written in place of neither).</summary>
    public static void Map<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z,
        delegate*<ReadOnlySpan<T>, ReadOnlySpan<T>, Span<T>, void> kernel)
        where T : unmanaged, INumber<T>
    {
        Debug.Assert(x.Length == z.Length && y.Length == z.Length, "x, y and z have one length");
        var parts = Parts(z.Length);
        if (parts <= 1)
        {
            kernel(x, y, z);
            return;
        }

        fixed (T* px = x, py = y, pz = z)
        {
            Run(new Operands<T>(px, py, pz, T.Zero, z.Length), parts, null, kernel, null);
        }
    }

    /// <summary>y = f(x, y, s) for a scalar s: an update of y in place.</summary>
    public static void Update<T>(ReadOnlySpan<T> x, Span<T> y, T scalar,
        delegate*<ReadOnlySpan<T>, Span<T>, T, void> kernel)
        where T : unmanaged, INumber<T>
    {
        Debug.Assert(x.Length == y.Length, "x and y have one length");
        var parts = Parts(y.Length);
        if (parts <= 1)
        {
            kernel(x, y, scalar);
            return;
        }

        fixed (T* px = x, py = y)
        {
            Run(new Operands<T>(px, null, py, scalar, y.Length), parts, null, null, kernel);
        }
    }

    /// <summary>Sets every value of <paramref name="y"/> to zero.</summary>
    public static void Clear<T>(Span<T> y)
        where T : unmanaged, INumber<T> => Map(default, y, &ClearChunk<T>);

    /// <summary>How many chunks a span of <paramref name="length"/> values is cut into on this thread.</summary>
    public static int Parts(int length) =>
        length < MinLength ? 1 : Math.Min(Gemm.MaxThreads ?? Environment.ProcessorCount, length / (MinLength / 2));

    private static void ClearChunk<T>(ReadOnlySpan<T> unused, Span<T> y)
        where T : unmanaged => y.Clear();

    private static void Run<T>(Operands<T> operands, int parts, delegate*<ReadOnlySpan<T>, Span<T>, void> unary,
        delegate*<ReadOnlySpan<T>, ReadOnlySpan<T>, Span<T>, void> binary,
        delegate*<ReadOnlySpan<T>, Span<T>, T, void> update)
        where T : unmanaged, INumber<T>
    {
        var job = ChunkJob<T>.ForThisThread;
        job.Set(operands, unary, binary, update);
        try
        {
            KernelThreads.Run(job, parts);
        }
        finally
        {
            job.Set(default, null, null, null);
        }
    }

    // Addresses of the pinned spans: x and y read, z written (y also written by an update).
    private readonly struct Operands<T>(T* x, T* y, T* z, T scalar, int length)
        where T : unmanaged
    {
        public T* X { get; } = x;

        public T* Y { get; } = y;

        public T* Z { get; } = z;

        public T Scalar { get; } = scalar;

        public int Length { get; } = length;
    }

    private sealed class ChunkJob<T> : ParallelJob
        where T : unmanaged, INumber<T>
    {
        // One per calling thread, reused, so a call allocates nothing once warm.
        [ThreadStatic]
        private static ChunkJob<T>? _forThisThread;

        private Operands<T> _operands;
        private delegate*<ReadOnlySpan<T>, Span<T>, void> _unary;
        private delegate*<ReadOnlySpan<T>, ReadOnlySpan<T>, Span<T>, void> _binary;
        private delegate*<ReadOnlySpan<T>, Span<T>, T, void> _update;

        public static ChunkJob<T> ForThisThread => _forThisThread ??= new ChunkJob<T>();

        public void Set(Operands<T> operands, delegate*<ReadOnlySpan<T>, Span<T>, void> unary,
            delegate*<ReadOnlySpan<T>, ReadOnlySpan<T>, Span<T>, void> binary,
            delegate*<ReadOnlySpan<T>, Span<T>, T, void> update)
        {
            _operands = operands;
            _unary = unary;
            _binary = binary;
            _update = update;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void RunPart(int part, int parts)
        {
            var o = _operands;
            var chunk = ((o.Length + parts - 1) / parts + Alignment - 1) / Alignment * Alignment;
            var start = Math.Min((long)part * chunk, o.Length);
            var count = (int)(Math.Min(start + chunk, o.Length) - start);
            if (count == 0)
            {
                return;
            }

            var x = o.X is null ? default : new ReadOnlySpan<T>(o.X + start, count);
            var z = new Span<T>(o.Z + start, count);
            if (_unary is not null)
            {
                _unary(x, z);
            }
            else if (_binary is not null)
            {
                _binary(x, new ReadOnlySpan<T>(o.Y + start, count), z);
            }
            else
            {
                _update(x, z, o.Scalar);
            }
        }
    }
}
