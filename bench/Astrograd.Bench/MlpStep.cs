using System.Diagnostics;
using System.Globalization;
using Astrograd.Losses;
using Astrograd.NN;
using Astrograd.Optim;
using BenchmarkDotNet.Attributes;

namespace Astrograd.Bench;

/// <summary>
/// One training step of the reference small MLP (MLP-HTRU2: 8-64-64-1, tanh, BCE from logits, SGD λ = 0.05,
/// batch 64): forward, loss, backward, update. The unit the performance goals are stated in. The trainer runs
/// it as a replayed <see cref="CapturedGraph{T}"/>; the eager form (a new graph every step) is timed beside it.
/// </summary>
public class MlpStep
{
    private Mlp<float> _model = null!;
    private Sgd<float> _sgd = null!;
    private Tensor<float> _x = null!;
    private Tensor<float> _y = null!;
    private CapturedGraph<float> _graph = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(1);
        _model = new Mlp<float>(new MlpSpec(8, [64, 64], 1, Activation.Tanh), rng);
        _sgd = new Sgd<float>(_model.Parameters(), new SgdOptions(0.05));
        _x = Tensor.RandomNormal<float>(rng, [64, 8]);
        _y = Tensor.FromArray([.. Enumerable.Range(0, 64).Select(i => (float)(i % 2))], 64, 1);
        _graph = CapturedGraph<float>.Capture(() => Loss.BinaryCrossEntropyWithLogits(_model.Forward(_x), _y));
    }

    [Benchmark(Baseline = true)]
    public float Captured()
    {
        _sgd.ZeroGrad();
        _graph.Forward();
        _graph.Backward();
        _sgd.Step();
        return _graph.Output.Item();
    }

    [Benchmark]
    public float Eager()
    {
        _sgd.ZeroGrad();
        var loss = Loss.BinaryCrossEntropyWithLogits(_model.Forward(_x), _y);
        loss.Backward();
        _sgd.Step();
        return loss.Item();
    }

    /// <summary>`mlp-quick`: the median µs per step over batches of steps, and bytes allocated per step.</summary>
    public static void RunQuick(bool json)
    {
        var bench = new MlpStep();
        bench.Setup();
        Report("captured", bench.Captured, json);
        Report("eager", bench.Eager, json);
    }

    private static void Report(string name, Func<float> step, bool json)
    {
        for (var i = 0; i < 3000; i++)
        {
            step();
        }

        const int Steps = 1000;
        var samples = new List<double>();
        var cpu = new List<double>();
        for (var s = 0; s < 21; s++)
        {
            var cpu0 = CpuClock.ThreadSeconds();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Steps; i++)
            {
                step();
            }

            samples.Add(clock.Elapsed.TotalMicroseconds / Steps);
            cpu.Add((CpuClock.ThreadSeconds() - cpu0) * 1e6 / Steps);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Steps; i++)
        {
            step();
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Steps;
        samples.Sort();
        cpu.Sort();
        if (json)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"bench\": \"htru2_step\", \"system\": \"astrograd\", \"mode\": \"{name}\", " +
                $"\"step_us_median\": {samples[samples.Count / 2]:F2}, \"step_us_min\": {samples[0]:F2}, " +
                $"\"cpu_us_median\": {cpu[cpu.Count / 2]:F2}, \"bytes_per_step\": {allocated:F0}}}"));
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MLP-HTRU2 step ({name}; 8-64-64-1 tanh, BCE, SGD, batch 64): median {samples[samples.Count / 2]:F1} µs " +
            $"wall (range {samples[0]:F1}..{samples[^1]:F1}), {cpu[cpu.Count / 2]:F1} µs CPU, " +
            $"{allocated:F0} bytes allocated per step"));
    }
}
