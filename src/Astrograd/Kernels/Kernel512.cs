using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Astrograd.Kernels;

/// <summary>
/// The 512-bit micro-kernel: a 12 × (2 vectors) tile of C held in 24 registers, one broadcast of A
/// and two loads of B per step (24 FMAs against 14 loads keeps both FMA pipes busy). A strip of at
/// most half a vector (8 floats: a layer of 8 units) runs as two 6-row tiles of the 256-bit kernel
/// instead of wasting half of each vector.
/// </summary>
/// <remarks>
/// One body serves every tile shape: the row count (<see cref="IRowCount"/>) and vector count
/// (<see cref="IVectorCount"/>) are type parameters, so the JIT drops the unused rows and columns.
/// </remarks>
internal readonly unsafe struct Kernel512<T> : IGemmKernel<T>
    where T : unmanaged
{
    public static int Mr => 12;

    public static int Nr => 2 * Vector512<T>.Count;

    public static int PackedWidth(int cols) =>
        cols <= Vector256<T>.Count ? Vector256<T>.Count : cols <= Vector512<T>.Count ? Vector512<T>.Count : Nr;

    public static int Kc => 256;

    public static int Mc => 12 * 16;

    public static int Nc => 64 * Vector512<T>.Count;

    public static int RowsComputed(int rows) => rows <= 1 ? 1 : rows <= 2 ? 2 : rows <= 4 ? 4 : rows <= 8 ? 8 : 12;

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
                case 8:
                    Tile<TwoVectors, Rows8>(kc, a, lda, b, ldb, c, ldc, add);
                    break;
                default:
                    Tile<TwoVectors, Rows12>(kc, a, lda, b, ldb, c, ldc, add);
                    break;
            }
        }
        else if (width == Vector256<T>.Count)
        {
            var upper = Math.Min(rows, Kernel256<T>.Mr);
            Kernel256<T>.Run(kc, a, lda, b, ldb, width, upper, c, ldc, add);
            if (rows > upper)
            {
                var lower = Kernel256<T>.Mr;
                Kernel256<T>.Run(kc, a + lower, lda, b, ldb, width, rows - upper, c + (lower * ldc), ldc, add);
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
                case 8:
                    Tile<OneVector, Rows8>(kc, a, lda, b, ldb, c, ldc, add);
                    break;
                default:
                    Tile<OneVector, Rows12>(kc, a, lda, b, ldb, c, ldc, add);
                    break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TV, TR>(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool add)
        where TV : struct, IVectorCount
        where TR : struct, IRowCount
    {
        var lanes = Vector512<T>.Count;
        Vector512<T> c0a = default, c0b = default;
        Vector512<T> c1a = default, c1b = default;
        Vector512<T> c2a = default, c2b = default;
        Vector512<T> c3a = default, c3b = default;
        Vector512<T> c4a = default, c4b = default;
        Vector512<T> c5a = default, c5b = default;
        Vector512<T> c6a = default, c6b = default;
        Vector512<T> c7a = default, c7b = default;
        Vector512<T> c8a = default, c8b = default;
        Vector512<T> c9a = default, c9b = default;
        Vector512<T> cAa = default, cAb = default;
        Vector512<T> cBa = default, cBb = default;

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
            var b0 = Vector512.Load(b);
            var b1 = TV.Count == 2 ? Vector512.Load(b + lanes) : default;
            Vector512<T> x;
            x = Vector512.Create(a[0]);
            c0a = VectorMath.Fma(x, b0, c0a);
            if (TV.Count == 2)
                c0b = VectorMath.Fma(x, b1, c0b);

            if (TR.Count > 1)
            {
                x = Vector512.Create(a[1]);
                c1a = VectorMath.Fma(x, b0, c1a);
                if (TV.Count == 2)
                    c1b = VectorMath.Fma(x, b1, c1b);
            }

            if (TR.Count > 2)
            {
                x = Vector512.Create(a[2]);
                c2a = VectorMath.Fma(x, b0, c2a);
                if (TV.Count == 2)
                    c2b = VectorMath.Fma(x, b1, c2b);
            }

            if (TR.Count > 3)
            {
                x = Vector512.Create(a[3]);
                c3a = VectorMath.Fma(x, b0, c3a);
                if (TV.Count == 2)
                    c3b = VectorMath.Fma(x, b1, c3b);
            }

            if (TR.Count > 4)
            {
                x = Vector512.Create(a[4]);
                c4a = VectorMath.Fma(x, b0, c4a);
                if (TV.Count == 2)
                    c4b = VectorMath.Fma(x, b1, c4b);
            }

            if (TR.Count > 5)
            {
                x = Vector512.Create(a[5]);
                c5a = VectorMath.Fma(x, b0, c5a);
                if (TV.Count == 2)
                    c5b = VectorMath.Fma(x, b1, c5b);
            }

            if (TR.Count > 6)
            {
                x = Vector512.Create(a[6]);
                c6a = VectorMath.Fma(x, b0, c6a);
                if (TV.Count == 2)
                    c6b = VectorMath.Fma(x, b1, c6b);
            }

            if (TR.Count > 7)
            {
                x = Vector512.Create(a[7]);
                c7a = VectorMath.Fma(x, b0, c7a);
                if (TV.Count == 2)
                    c7b = VectorMath.Fma(x, b1, c7b);
            }

            if (TR.Count > 8)
            {
                x = Vector512.Create(a[8]);
                c8a = VectorMath.Fma(x, b0, c8a);
                if (TV.Count == 2)
                    c8b = VectorMath.Fma(x, b1, c8b);
            }

            if (TR.Count > 9)
            {
                x = Vector512.Create(a[9]);
                c9a = VectorMath.Fma(x, b0, c9a);
                if (TV.Count == 2)
                    c9b = VectorMath.Fma(x, b1, c9b);
            }

            if (TR.Count > 10)
            {
                x = Vector512.Create(a[10]);
                cAa = VectorMath.Fma(x, b0, cAa);
                if (TV.Count == 2)
                    cAb = VectorMath.Fma(x, b1, cAb);
            }

            if (TR.Count > 11)
            {
                x = Vector512.Create(a[11]);
                cBa = VectorMath.Fma(x, b0, cBa);
                if (TV.Count == 2)
                    cBb = VectorMath.Fma(x, b1, cBb);
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
        if (TR.Count > 6)
            Store<TV>(c + (6 * ldc), c6a, c6b, add);
        if (TR.Count > 7)
            Store<TV>(c + (7 * ldc), c7a, c7b, add);
        if (TR.Count > 8)
            Store<TV>(c + (8 * ldc), c8a, c8b, add);
        if (TR.Count > 9)
            Store<TV>(c + (9 * ldc), c9a, c9b, add);
        if (TR.Count > 10)
            Store<TV>(c + (10 * ldc), cAa, cAb, add);
        if (TR.Count > 11)
            Store<TV>(c + (11 * ldc), cBa, cBb, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TV>(T* c, Vector512<T> left, Vector512<T> right, bool add)
        where TV : struct, IVectorCount
    {
        var lanes = Vector512<T>.Count;
        if (add)
        {
            left += Vector512.Load(c);
            if (TV.Count == 2)
                right += Vector512.Load(c + lanes);
        }

        left.Store(c);
        if (TV.Count == 2)
            right.Store(c + lanes);
    }
}
