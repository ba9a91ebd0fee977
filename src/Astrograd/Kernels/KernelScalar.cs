using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Astrograd.Kernels;

/// <summary>
/// The portable micro-kernel: a 4 × 4 tile of C in scalar registers. Products and sums are
/// rounded separately (no fused multiply-add), as plain C# arithmetic does.
/// </summary>
internal readonly unsafe struct KernelScalar<T> : IGemmKernel<T>
    where T : unmanaged, INumber<T>
{
    public static int Mr => 4;

    public static int Nr => 4;

    public static int PackedWidth(int cols) => 4;

    public static int Kc => 256;

    public static int Mc => 64;

    public static int Nc => 1024;

    public static int RowsComputed(int rows) => 4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, nint lda, T* b, nint ldb, int width, int rows, T* c, nint ldc, bool add)
    {
        Debug.Assert(width == Nr, "the scalar kernel has a single width");

        T c00 = T.Zero, c01 = T.Zero, c02 = T.Zero, c03 = T.Zero;
        T c10 = T.Zero, c11 = T.Zero, c12 = T.Zero, c13 = T.Zero;
        T c20 = T.Zero, c21 = T.Zero, c22 = T.Zero, c23 = T.Zero;
        T c30 = T.Zero, c31 = T.Zero, c32 = T.Zero, c33 = T.Zero;

        for (var p = 0; p < kc; p++)
        {
            T b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            var x = a[0];
            c00 += x * b0;
            c01 += x * b1;
            c02 += x * b2;
            c03 += x * b3;
            x = a[1];
            c10 += x * b0;
            c11 += x * b1;
            c12 += x * b2;
            c13 += x * b3;
            x = a[2];
            c20 += x * b0;
            c21 += x * b1;
            c22 += x * b2;
            c23 += x * b3;
            x = a[3];
            c30 += x * b0;
            c31 += x * b1;
            c32 += x * b2;
            c33 += x * b3;
            a += lda;
            b += ldb;
        }

        StoreRow(c, c00, c01, c02, c03, add);
        StoreRow(c + ldc, c10, c11, c12, c13, add);
        StoreRow(c + (2 * ldc), c20, c21, c22, c23, add);
        StoreRow(c + (3 * ldc), c30, c31, c32, c33, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(T* c, T v0, T v1, T v2, T v3, bool add)
    {
        if (add)
        {
            v0 += c[0];
            v1 += c[1];
            v2 += c[2];
            v3 += c[3];
        }

        c[0] = v0;
        c[1] = v1;
        c[2] = v2;
        c[3] = v3;
    }
}
