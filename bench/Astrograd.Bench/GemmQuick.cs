using System.Diagnostics;
using System.Globalization;
using Astrograd.Kernels;

namespace Astrograd.Bench;

/// <summary>
/// A fast, plain timing loop (no BenchmarkDotNet) for iterating on the kernel: the median GFLOP/s of
/// several timed batches per shape, with one thread and with two.
/// </summary>
/// <remarks>
/// Each rate is given twice: per second of wall time, and per second of this process's CPU time. On a
/// shared machine the second is the steadier measure of the code; with two threads it counts both.
/// </remarks>
internal static class GemmQuick
{
    public static void Run(string[] args)
    {
        var json = args.Contains("--json");
        var filter = args.Skip(1).FirstOrDefault(a => a != "--json") ?? "";
        var samples = 11;
        if (json)
        {
            // One JSON line per shape and thread count (wall-time GFLOP/s), for bench/compare.
            foreach (var shape in GemmShape.Standard.Where(s => s.Name.Contains(filter, StringComparison.Ordinal)))
            {
                foreach (var threads in new[] { 1, 2 })
                {
                    var rate = Measure<float>(shape, threads, samples);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{{\"bench\": \"sgemm\", \"system\": \"astrograd\", \"shape\": \"{shape.Name}\", " +
                        $"\"m\": {shape.M}, \"n\": {shape.N}, \"k\": {shape.K}, " +
                        $"\"ta\": {(shape.TransA ? 1 : 0)}, \"tb\": {(shape.TransB ? 1 : 0)}, " +
                        $"\"threads\": {threads}, \"gflops\": {rate.Wall:F2}}}"));
                }
            }

            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"path {Gemm.DetectedPath}, {Environment.ProcessorCount} processors; median GFLOP/s of {samples}"));
        Console.WriteLine($"{"shape",-26} {"1 thread",16} {"2 threads",16} {"double 1 thread",16}");
        Console.WriteLine($"{"",-26} {"wall / cpu",16} {"wall / cpu",16} {"wall / cpu",16}");
        foreach (var shape in GemmShape.Standard.Where(s => s.Name.Contains(filter, StringComparison.Ordinal)))
        {
            var one = Measure<float>(shape, 1, samples);
            var two = Measure<float>(shape, 2, samples);
            var dbl = Measure<double>(shape, 1, samples);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{shape.Name,-26} {Cell(one),16} {Cell(two),16} {Cell(dbl),16}"));
        }
    }

    private static string Cell((double Wall, double Cpu) rate) =>
        string.Create(CultureInfo.InvariantCulture, $"{rate.Wall,7:F1} /{rate.Cpu,7:F1}");

    private static (double Wall, double Cpu) Measure<T>(GemmShape shape, int threads, int samples)
        where T : unmanaged, System.Numerics.IFloatingPoint<T>
    {
        var rng = new Rng(42);
        var a = new T[shape.M * shape.K];
        var b = new T[shape.K * shape.N];
        var c = new T[shape.M * shape.N];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = T.CreateChecked(rng.NextUniform(-1, 1));
        }

        for (var i = 0; i < b.Length; i++)
        {
            b[i] = T.CreateChecked(rng.NextUniform(-1, 1));
        }

        Gemm.MaxThreads = threads;

        // Batches of about 50 ms after a warm-up that lets the JIT reach its final code.
        var reps = 1;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalMilliseconds < 300)
        {
            Multiply(shape, a, b, c, reps);
            reps = Math.Min(reps * 2, 1 << 20);
        }

        var perCall = watch.Elapsed.TotalSeconds / (2 * reps);
        reps = Math.Max(1, (int)(0.05 / Math.Max(perCall, 1e-9)));
        var wall = new double[samples];
        var cpu = new double[samples];
        for (var s = 0; s < samples; s++)
        {
            var cpuStart = CpuClock.Seconds();
            watch.Restart();
            Multiply(shape, a, b, c, reps);
            wall[s] = shape.Flops * reps / watch.Elapsed.TotalSeconds / 1e9;
            cpu[s] = shape.Flops * reps / (CpuClock.Seconds() - cpuStart) / 1e9;
        }

        Array.Sort(wall);
        Array.Sort(cpu);
        return (wall[samples / 2], cpu[samples / 2]);
    }

    private static void Multiply<T>(GemmShape shape, T[] a, T[] b, T[] c, int reps)
    {
        for (var r = 0; r < reps; r++)
        {
            if (typeof(T) == typeof(float))
            {
                Gemm.Multiply(shape.TransA, shape.TransB, shape.M, shape.N, shape.K,
                    (float[])(object)a, (float[])(object)b, (float[])(object)c, accumulate: false);
            }
            else
            {
                Gemm.Multiply(shape.TransA, shape.TransB, shape.M, shape.N, shape.K,
                    (double[])(object)a, (double[])(object)b, (double[])(object)c, accumulate: false);
            }
        }
    }
}
