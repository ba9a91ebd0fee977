using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Astrograd.Kernels;

/// <summary>
/// The 256-bit micro-kernel: a 6 × (2 vectors) tile of C in 12 registers, which with the two B
/// vectors and one broadcast fits the 16 registers of AVX2 hardware.
/// </summary>
/// <remarks>
/// One body serves every tile shape: the row count (<see cref="IRowCount"/>) and vector count
/// (<see cref="IVectorCount"/>) are type parameters, so the JIT drops the unused rows and columns.
/// </remarks>
internal readonly unsafe struct Kernel256<T> : IGemmKernel<T>
    where T : unmanaged
{
    public static int Mr => 6;

    public static int Nr => 2 * Vector256<T>.Count;

    public static int PackedWidth(int cols) => cols <= Vector256<T>.Count ? Vector256<T>.Count : Nr;

    public static int Kc => 256;

    public static int Mc => 6 * 24;

    public static int Nc => 128 * Vector256<T>.Count;

    public static int RowsComputed(int rows) => rows <= 1 ? 1 : rows <= 2 ? 2 : rows <= 4 ? 4 : 6;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, nint lda, T* b, nint ldb, int width, int rows, T* c, nint ldc, bool add)
    {
        if (width == Nr)
        {
            switch (RowsComputed(rows))
            {
                case 1:
                    Tile<TwoVectors, Rows1>(kc, a, lda, b, ldb, c, ldc, add);
                    break;
                case 2:
                    Tile<TwoVectors, Rows2>(kc, a, lda, b, ldb, c, ldc, add);
                    break;
                case 4:
                    Tile<TwoVectors, Rows4>(kc, a, lda, b, ldb, c, ldc, add);
                    break;
                default:
                    Tile<TwoVectors, Rows6>(kc, a, lda, b, ldb, c, ldc, add);
                    break;
            }
        }
        else
        {
            switch (RowsComputed(rows))
            {
                case 1:
                    Tile<OneVector, Rows1>(kc, a, lda, b, ldb, c, ldc, add);
                    break;
                case 2:
                    Tile<OneVector, Rows2>(kc, a, lda, b, ldb, c, ldc, add);
                    break;
                case 4:
                    Tile<OneVector, Rows4>(kc, a, lda, b, ldb, c, ldc, add);
                    break;
                default:
                    Tile<OneVector, Rows6>(kc, a, lda, b, ldb, c, ldc, add);
                    break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TV, TR>(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool add)
        where TV : struct, IVectorCount
        where TR : struct, IRowCount
    {
        var lanes = Vector256<T>.Count;
        Vector256<T> c0a = default, c0b = default;
        Vector256<T> c1a = default, c1b = default;
        Vector256<T> c2a = default, c2b = default;
        Vector256<T> c3a = default, c3b = default;
        Vector256<T> c4a = default, c4b = default;
        Vector256<T> c5a = default, c5b = default;

        // C is read only after the loop; asking for its lines now hides their miss behind the arithmetic.
        if (Sse.IsSupported)
        {
            var last = (TV.Count * lanes) - 1;
            for (var r = 0; r < TR.Count; r++)
            {
                Sse.Prefetch0(c + (r * ldc));
                Sse.Prefetch0(c + (r * ldc) + last);
            }
        }

        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = TV.Count == 2 ? Vector256.Load(b + lanes) : default;
            Vector256<T> x;
            x = Vector256.Create(a[0]);
            c0a = VectorMath.Fma(x, b0, c0a);
            if (TV.Count == 2)
                c0b = VectorMath.Fma(x, b1, c0b);

            if (TR.Count > 1)
            {
                x = Vector256.Create(a[1]);
                c1a = VectorMath.Fma(x, b0, c1a);
                if (TV.Count == 2)
                    c1b = VectorMath.Fma(x, b1, c1b);
            }

            if (TR.Count > 2)
            {
                x = Vector256.Create(a[2]);
                c2a = VectorMath.Fma(x, b0, c2a);
                if (TV.Count == 2)
                    c2b = VectorMath.Fma(x, b1, c2b);
            }

            if (TR.Count > 3)
            {
                x = Vector256.Create(a[3]);
                c3a = VectorMath.Fma(x, b0, c3a);
                if (TV.Count == 2)
                    c3b = VectorMath.Fma(x, b1, c3b);
            }

            if (TR.Count > 4)
            {
                x = Vector256.Create(a[4]);
                c4a = VectorMath.Fma(x, b0, c4a);
                if (TV.Count == 2)
                    c4b = VectorMath.Fma(x, b1, c4b);
            }

            if (TR.Count > 5)
            {
                x = Vector256.Create(a[5]);
                c5a = VectorMath.Fma(x, b0, c5a);
                if (TV.Count == 2)
                    c5b = VectorMath.Fma(x, b1, c5b);
            }

            a += lda;
            b += ldb;
        }

        Store<TV>(c + (0 * ldc), c0a, c0b, add);
        if (TR.Count > 1)
            Store<TV>(c + (1 * ldc), c1a, c1b, add);
        if (TR.Count > 2)
            Store<TV>(c + (2 * ldc), c2a, c2b, add);
        if (TR.Count > 3)
            Store<TV>(c + (3 * ldc), c3a, c3b, add);
        if (TR.Count > 4)
            Store<TV>(c + (4 * ldc), c4a, c4b, add);
        if (TR.Count > 5)
            Store<TV>(c + (5 * ldc), c5a, c5b, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TV>(T* c, Vector256<T> left, Vector256<T> right, bool add)
        where TV : struct, IVectorCount
    {
        var lanes = Vector256<T>.Count;
        if (add)
        {
            left += Vector256.Load(c);
            if (TV.Count == 2)
                right += Vector256.Load(c + lanes);
        }

        left.Store(c);
        if (TV.Count == 2)
            right.Store(c + lanes);
    }
}
