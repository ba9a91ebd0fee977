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
