using System.Diagnostics;
using System.Globalization;
using Astrograd.Kernels;

namespace Astrograd.Bench;

/// <summary>
/// Times the micro-kernel alone on cache-resident packed panels: the ceiling the blocked driver can reach.
/// </summary>
internal static unsafe class GemmKernelQuick
{
    public static void Run()
    {
        Report<float, Kernel512<float>>("Kernel512<float>");
        Report<float, Kernel256<float>>("Kernel256<float>");
        Report<float, KernelScalar<float>>("KernelScalar<float>");
        Report<double, Kernel512<double>>("Kernel512<double>");
        Report<double, Kernel256<double>>("Kernel256<double>");
        foreach (var (transA, transB) in new[] { (false, false), (true, true) })
        {
            ReportPacking(transA, transB);
        }
    }

    // Packing one 1024 × 1024 product's operands, as the Vector512 path does, in values per nanosecond.
    private static void ReportPacking(bool transA, bool transB)
    {
        const int Size = 1024;
        var a = new float[Size * Size];
        var b = new float[Size * Size];
        var c = new float[Size * Size];
        int kc = Kernel512<float>.Kc, mc = Kernel512<float>.Mc, nc = Kernel512<float>.Nc;
        var packedA = new float[mc * kc];
        var packedB = new float[nc * kc];
        double bestA = 0, bestB = 0;
        fixed (float* pa = a, pb = b, pc = c, qa = packedA, qb = packedB)
        {
            var problem = new GemmProblem<float>(transA, transB, Size, Size, Size, pa, pb, pc, false);
            for (var s = 0; s < 15; s++)
            {
                var start = CpuClock.Seconds();
                for (var p = 0; p < Size; p += kc)
                {
                    for (var i = 0; i < Size; i += mc)
                    {
                        GemmPacking.PackA(problem, i, Math.Min(mc, Size - i), p, kc, Kernel512<float>.Mr, qa);
                    }
                }

                var middle = CpuClock.Seconds();
                for (var p = 0; p < Size; p += kc)
                {
                    GemmPacking.PackB(problem, p, kc, 0, nc, Kernel512<float>.Nr, Kernel512<float>.Nr, qb);
                }

                var end = CpuClock.Seconds();
                bestA = Math.Max(bestA, Size * (double)Size / (middle - start) / 1e9);
                bestB = Math.Max(bestB, Size * (double)Size / (end - middle) / 1e9);
            }
        }

        var operands = $"{(transA ? "Aᵀ" : "A")}, {(transB ? "Bᵀ" : "B")}";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pack {operands}: A {bestA:F2} values/ns, B {bestB:F2} values/ns"));
    }

    private static void Report<T, TKernel>(string name)
        where T : unmanaged
        where TKernel : struct, IGemmKernel<T>
    {
        var kc = TKernel.Kc;
        var a = new T[TKernel.Mr * kc];
        var b = new T[TKernel.Nr * kc];
        var c = new T[TKernel.Mr * TKernel.Nr];
        const int Reps = 20000;
        var best = 0.0;
        var bestCpu = 0.0;
        fixed (T* pa = a, pb = b, pc = c)
        {
            for (var s = 0; s < 15; s++)
            {
                var cpu = CpuClock.Seconds();
                var watch = Stopwatch.StartNew();
                for (var r = 0; r < Reps; r++)
                {
                    TKernel.Run(kc, pa, TKernel.Mr, pb, TKernel.Nr, TKernel.Nr, TKernel.Mr, pc, TKernel.Nr, add: true);
                }

                var flops = 2.0 * TKernel.Mr * TKernel.Nr * kc * Reps;
                best = Math.Max(best, flops / watch.Elapsed.TotalSeconds / 1e9);
                bestCpu = Math.Max(bestCpu, flops / (CpuClock.Seconds() - cpu) / 1e9);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-22} best {best,8:F1} GFLOP/s wall, {bestCpu,8:F1} per CPU second"));
    }
}
