using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Astrograd.Kernels;

/// <summary>Block copies for packing: a transposing copy and a straight row copy, vectorised where possible.</summary>
internal static unsafe class Transpose
{
    /// <summary>
    /// d[c·ldd + r] = s[r·lds + c] for r &lt; rows, c &lt; cols. Works in 4 × 4 blocks held in registers
    /// (one load and one store per 4 values instead of per value), then finishes the edges one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Copy<T>(T* s, nint lds, int rows, int cols, T* d, nint ldd)
        where T : unmanaged
    {
        var blocked = 0;
        if (typeof(T) == typeof(float) && Sse.IsSupported)
        {
            blocked = rows & ~3;
            for (var r = 0; r < blocked; r += 4)
            {
                var c = 0;
                for (; c + 4 <= cols; c += 4)
                {
                    Block4((float*)s + (r * lds) + c, lds, (float*)d + (c * ldd) + r, ldd);
                }
            }
        }
        else if (typeof(T) == typeof(double) && Avx.IsSupported)
        {
            blocked = rows & ~3;
            for (var r = 0; r < blocked; r += 4)
            {
                var c = 0;
                for (; c + 4 <= cols; c += 4)
                {
                    Block4((double*)s + (r * lds) + c, lds, (double*)d + (c * ldd) + r, ldd);
                }
            }
        }

        // Column tail of the blocked rows, then the rows past the last whole block.
        var done = blocked > 0 ? cols & ~3 : cols;
        for (var r = 0; r < blocked; r++)
        {
            for (var c = done; c < cols; c++)
            {
                d[(c * ldd) + r] = s[(r * lds) + c];
            }
        }

        for (var r = blocked; r < rows; r++)
        {
            var row = s + (r * lds);
            for (var c = 0; c < cols; c++)
            {
                d[(c * ldd) + r] = row[c];
            }
        }
    }

    /// <summary>d[0 .. count) = s[0 .. count) for short rows, with the widest vectors that fit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row<T>(T* s, T* d, int count)
        where T : unmanaged
    {
        // The acceleration tests are JIT-time constants: without hardware support a wide vector would be
        // emulated, slower than the narrower copies below.
        var i = 0;
        for (; Vector512.IsHardwareAccelerated && i + Vector512<T>.Count <= count; i += Vector512<T>.Count)
        {
            Vector512.Store(Vector512.Load(s + i), d + i);
        }

        for (; Vector256.IsHardwareAccelerated && i + Vector256<T>.Count <= count; i += Vector256<T>.Count)
        {
            Vector256.Store(Vector256.Load(s + i), d + i);
        }

        for (; Vector128.IsHardwareAccelerated && i + Vector128<T>.Count <= count; i += Vector128<T>.Count)
        {
            Vector128.Store(Vector128.Load(s + i), d + i);
        }

        for (; i < count; i++)
        {
            d[i] = s[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4(float* s, nint lds, float* d, nint ldd)
    {
        var r0 = Sse.LoadVector128(s);
        var r1 = Sse.LoadVector128(s + lds);
        var r2 = Sse.LoadVector128(s + (2 * lds));
        var r3 = Sse.LoadVector128(s + (3 * lds));
        var t0 = Sse.UnpackLow(r0, r1);
        var t1 = Sse.UnpackLow(r2, r3);
        var t2 = Sse.UnpackHigh(r0, r1);
        var t3 = Sse.UnpackHigh(r2, r3);
        Sse.Store(d, Sse.MoveLowToHigh(t0, t1));
        Sse.Store(d + ldd, Sse.MoveHighToLow(t1, t0));
        Sse.Store(d + (2 * ldd), Sse.MoveLowToHigh(t2, t3));
        Sse.Store(d + (3 * ldd), Sse.MoveHighToLow(t3, t2));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4(double* s, nint lds, double* d, nint ldd)
    {
        var r0 = Avx.LoadVector256(s);
        var r1 = Avx.LoadVector256(s + lds);
        var r2 = Avx.LoadVector256(s + (2 * lds));
        var r3 = Avx.LoadVector256(s + (3 * lds));
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(d + ldd, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(d + (2 * ldd), Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(d + (3 * ldd), Avx.Permute2x128(t1, t3, 0x31));
    }
}
