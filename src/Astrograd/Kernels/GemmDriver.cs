using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Astrograd.Kernels;

/// <summary>
/// The cache-blocked loop nest around a micro-kernel: column blocks of Nc, depth blocks of Kc (B
/// packed once per block), row blocks of Mc (A packed), then Mr × Nr tiles.
/// </summary>
/// <remarks>
/// Every element of C is summed in the same order whatever rectangle of C a call covers: depth
/// blocks in increasing order, each block's products accumulated from zero in increasing p and then
/// added to C. So splitting C between threads never changes a bit of the result.
/// </remarks>
internal static unsafe class GemmDriver<T, TKernel>
    where T : unmanaged, INumber<T>
    where TKernel : struct, IGemmKernel<T>
{
    // An operand this small that is already in the kernel's orientation (Aᵀ stored, or B stored
    // [K, N]) is read in place: it stays in L1, so copying it would cost more than it saves.
    private const int DirectBytes = 32 * 1024;

    /// <summary>Computes rows [i0, i1) and columns [j0, j1) of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void Run(in GemmProblem<T> pr, int i0, int i1, int j0, int j1)
    {
        Debug.Assert(pr.K > 0, "an empty depth is handled by the caller");
        Debug.Assert(0 <= i0 && i0 <= i1 && i1 <= pr.M, "row range inside C");
        Debug.Assert(0 <= j0 && j0 <= j1 && j1 <= pr.N, "column range inside C");

        int mr = TKernel.Mr, nr = TKernel.Nr;
        var kcMax = Math.Min(TKernel.Kc, pr.K);
        var mcMax = Math.Min(TKernel.Mc, RoundUp(i1 - i0, mr));
        var ncMax = Math.Min(TKernel.Nc, RoundUp(j1 - j0, nr));
        var packedA = GemmBuffers.PackedA<T>(mcMax * kcMax);
        var packedB = GemmBuffers.PackedB<T>(ncMax * kcMax);
        var directA = pr.TransA && (long)pr.M * pr.K * sizeof(T) <= DirectBytes;

        // B is read in place too, whatever its size, when these rows of C are a single row tile: each value of B
        // is then used once, so a copy would only add a pass (the weight gradient of a 10-class output layer).
        var directB = !pr.TransB && ((long)pr.K * pr.N * sizeof(T) <= DirectBytes || i1 - i0 <= mr);

        // Edge tiles are computed here in full, then only their valid part is merged into C.
        var edge = stackalloc T[(TKernel.Mr * TKernel.Nr) + (64 / sizeof(T))];
        edge = (T*)(((nint)edge + 63) & ~(nint)63);

        var c = (T*)pr.C;
        nint ldc = pr.N;
        for (var jc = j0; jc < j1; jc += TKernel.Nc)
        {
            var nc = Math.Min(TKernel.Nc, j1 - jc);
            for (var pc = 0; pc < pr.K; pc += TKernel.Kc)
            {
                var kc = Math.Min(TKernel.Kc, pr.K - pc);
                var add = pr.Accumulate || pc > 0;
                if (!directB)
                {
                    GemmPacking.PackB(pr, pc, kc, jc, nc, nr, TKernel.PackedWidth(nc % nr), packedB);
                }

                for (var ic = i0; ic < i1; ic += TKernel.Mc)
                {
                    var mc = Math.Min(TKernel.Mc, i1 - ic);
                    if (!directA)
                    {
                        GemmPacking.PackA(pr, ic, mc, pc, kc, mr, packedA);
                    }

                    for (var jr = 0; jr < nc; jr += nr)
                    {
                        var cols = Math.Min(nr, nc - jr);
                        var width = cols == nr ? nr : TKernel.PackedWidth(cols);
                        T* b;
                        nint ldb;
                        if (!directB)
                        {
                            b = packedB + ((nint)jr * kc);
                            ldb = width;
                        }
                        else if (cols == width)
                        {
                            b = (T*)pr.B + ((nint)pc * pr.N) + jc + jr;
                            ldb = pr.N;
                        }
                        else
                        {
                            // A narrow last strip is padded, so it is packed even here.
                            GemmPacking.PackB(pr, pc, kc, jc + jr, cols, nr, width, packedB);
                            b = packedB;
                            ldb = width;
                        }

                        for (var ir = 0; ir < mc; ir += mr)
                        {
                            var rows = Math.Min(mr, mc - ir);
                            var computed = TKernel.RowsComputed(rows);
                            T* a;
                            nint lda;
                            if (!directA)
                            {
                                a = packedA + ((nint)ir * kc);
                                lda = mr;
                            }
                            else if (computed == rows)
                            {
                                a = (T*)pr.A + ((nint)pc * pr.M) + ic + ir;
                                lda = pr.M;
                            }
                            else
                            {
                                // The kernel would read past the last row: pack this strip.
                                GemmPacking.PackA(pr, ic + ir, rows, pc, kc, mr, packedA);
                                a = packedA;
                                lda = mr;
                            }

                            var tile = c + ((ic + ir) * ldc) + jc + jr;
                            if (computed == rows && cols == width)
                            {
                                TKernel.Run(kc, a, lda, b, ldb, width, rows, tile, ldc, add);
                            }
                            else
                            {
                                TKernel.Run(kc, a, lda, b, ldb, width, rows, edge, nr, add: false);
                                Merge(edge, nr, tile, ldc, rows, cols, add);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void Merge(T* edge, nint lde, T* c, nint ldc, int rows, int cols, bool add)
    {
        for (var i = 0; i < rows; i++)
        {
            var src = edge + (i * lde);
            var dst = c + (i * ldc);
            for (var j = 0; j < cols; j++)
            {
                dst[j] = add ? src[j] + dst[j] : src[j];
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
