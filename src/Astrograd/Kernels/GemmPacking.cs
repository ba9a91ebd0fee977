using System.Runtime.CompilerServices;

namespace Astrograd.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous, zero-padded layouts the micro-kernels read
/// (see <see cref="IGemmKernel{T}"/>), whatever the stored orientation of each operand.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[i0 .. i0+mc, p0 .. p0+kc] as strips of <paramref name="mr"/> rows: strip s holds, for
    /// each p, the values of rows s·mr .. s·mr+mr-1 (rows past the block are zero).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T>(in GemmProblem<T> pr, int i0, int mc, int p0, int kc, int mr, T* dst)
        where T : unmanaged
    {
        var a = (T*)pr.A;
        if (pr.TransA)
        {
            // Stored [K, M]: at each p the block's rows are one contiguous run, read in order.
            for (var p = 0; p < kc; p++)
            {
                var s = a + ((nint)(p0 + p) * pr.M) + i0;
                for (var ir = 0; ir < mc; ir += mr)
                {
                    Transpose.Row(s + ir, dst + ((nint)ir * kc) + ((nint)p * mr), Math.Min(mr, mc - ir));
                }
            }
        }
        else
        {
            // Stored [M, K]: each row is contiguous along p, so each strip is a transposed copy.
            for (var ir = 0; ir < mc; ir += mr)
            {
                var s = a + ((nint)(i0 + ir) * pr.K) + p0;
                Transpose.Copy(s, pr.K, Math.Min(mr, mc - ir), kc, dst + ((nint)ir * kc), mr);
            }
        }

        for (var ir = 0; ir < mc; ir += mr)
        {
            ZeroColumns(dst + ((nint)ir * kc), mr, Math.Min(mr, mc - ir), kc);
        }
    }

    /// <summary>
    /// Packs op(B)[p0 .. p0+kc, j0 .. j0+nc] as strips of <paramref name="nr"/> columns (a last, narrower
    /// one <paramref name="lastWidth"/> wide): a strip holds, for each p, its columns contiguously,
    /// zero-padded. Strip s starts at dst + s·nr·kc.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T>(in GemmProblem<T> pr, int p0, int kc, int j0, int nc, int nr, int lastWidth,
        T* dst)
        where T : unmanaged
    {
        var b = (T*)pr.B;
        if (!pr.TransB)
        {
            // Stored [K, N]: at each p the block's columns are one contiguous run, read in order.
            for (var p = 0; p < kc; p++)
            {
                var s = b + ((nint)(p0 + p) * pr.N) + j0;
                for (var jr = 0; jr < nc; jr += nr)
                {
                    var cols = Math.Min(nr, nc - jr);
                    var width = cols == nr ? nr : lastWidth;
                    Transpose.Row(s + jr, dst + ((nint)jr * kc) + ((nint)p * width), cols);
                }
            }
        }
        else
        {
            // Stored [N, K]: each column is contiguous along p, so each strip is a transposed copy.
            for (var jr = 0; jr < nc; jr += nr)
            {
                var cols = Math.Min(nr, nc - jr);
                var width = cols == nr ? nr : lastWidth;
                Transpose.Copy(b + ((nint)(j0 + jr) * pr.K) + p0, pr.K, cols, kc, dst + ((nint)jr * kc), width);
            }
        }

        var last = nc - 1 - ((nc - 1) % nr);
        ZeroColumns(dst + ((nint)last * kc), nc - last == nr ? nr : lastWidth, nc - last, kc);
    }

    // Padding lanes meet only padding outputs, which are dropped, but zeros keep them free of NaN and
    // of slow subnormal arithmetic.
    private static void ZeroColumns<T>(T* strip, int width, int used, int kc)
        where T : unmanaged
    {
        if (used == width)
        {
            return;
        }

        for (var p = 0; p < kc; p++)
        {
            new Span<T>(strip + ((nint)p * width) + used, width - used).Clear();
        }
    }
}
