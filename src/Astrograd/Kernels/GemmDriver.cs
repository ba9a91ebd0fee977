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
    /// <summary>Computes rows [i0, i1) and columns [j0, j1) of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem<T> pr, int i0, int i1, int j0, int j1)
    {
        Debug.Assert(pr.K > 0, "an empty depth is handled by the caller");
        Debug.Assert(0 <= i0 && i0 <= i1 && i1 <= pr.M, "row range inside C");
        Debug.Assert(0 <= j0 && j0 <= j1 && j1 <= pr.N, "column range inside C");

        int mr = TKernel.Mr, nr = TKernel.Nr, granule = TKernel.Granule;
        var kcMax = Math.Min(TKernel.Kc, pr.K);
        var mcMax = Math.Min(TKernel.Mc, RoundUp(i1 - i0, mr));
        var ncMax = Math.Min(TKernel.Nc, RoundUp(j1 - j0, nr));
        var packedA = GemmBuffers.PackedA<T>(mcMax * kcMax);
        var packedB = GemmBuffers.PackedB<T>(ncMax * kcMax);

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
                GemmPacking.PackB(pr, pc, kc, jc, nc, nr, granule, packedB);

                for (var ic = i0; ic < i1; ic += TKernel.Mc)
                {
                    var mc = Math.Min(TKernel.Mc, i1 - ic);
                    GemmPacking.PackA(pr, ic, mc, pc, kc, mr, packedA);

                    for (var jr = 0; jr < nc; jr += nr)
                    {
                        var cols = Math.Min(nr, nc - jr);
                        var width = GemmPacking.PackedWidth(cols, nr, granule);
                        var b = packedB + ((nint)jr * kc);
                        for (var ir = 0; ir < mc; ir += mr)
                        {
                            var rows = Math.Min(mr, mc - ir);
                            var a = packedA + ((nint)ir * kc);
                            var tile = c + ((ic + ir) * ldc) + jc + jr;
                            if (TKernel.RowsComputed(rows) == rows && cols == width)
                            {
                                TKernel.Run(kc, a, b, width, rows, tile, ldc, add);
                            }
                            else
                            {
                                TKernel.Run(kc, a, b, width, rows, edge, nr, add: false);
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
