using System.Diagnostics;
using System.Globalization;
using Astrograd.Losses;
using Astrograd.NN;
using Astrograd.Optim;
using BenchmarkDotNet.Attributes;

namespace Astrograd.Bench;

/// <summary>
/// One training step of the reference small MLP (MLP-HTRU2: 8-64-64-1, tanh, BCE from logits, SGD λ = 0.05,
/// batch 64): forward, loss, backward, update. The unit the performance goals are stated in.
/// </summary>
public class MlpStep
{
    private Mlp<float> _model = null!;
    private Sgd<float> _sgd = null!;
    private Tensor<float> _x = null!;
    private Tensor<float> _y = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(1);
        _model = new Mlp<float>(new MlpSpec(8, [64, 64], 1, Activation.Tanh), rng);
        _sgd = new Sgd<float>(_model.Parameters(), new SgdOptions(0.05));
        _x = Tensor.RandomNormal<float>(rng, [64, 8]);
        _y = Tensor.FromArray([.. Enumerable.Range(0, 64).Select(i => (float)(i % 2))], 64, 1);
    }

    [Benchmark]
    public float Step()
    {
        _sgd.ZeroGrad();
        var loss = Loss.BinaryCrossEntropyWithLogits(_model.Forward(_x), _y);
        loss.Backward();
        _sgd.Step();
        return loss.Item();
    }

    /// <summary>`mlp-quick`: the median µs per step over batches of steps, and bytes allocated per step.</summary>
    public static void RunQuick()
    {
        var bench = new MlpStep();
        bench.Setup();
        for (var i = 0; i < 2000; i++)
        {
            bench.Step();
        }

        const int Steps = 1000;
        var samples = new List<double>();
        for (var s = 0; s < 15; s++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Steps; i++)
            {
                bench.Step();
            }

            samples.Add(clock.Elapsed.TotalMicroseconds / Steps);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Steps; i++)
        {
            bench.Step();
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Steps;
        samples.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MLP-HTRU2 step (8-64-64-1 tanh, BCE, SGD, batch 64): median {samples[samples.Count / 2]:F1} µs, " +
            $"range {samples[0]:F1}..{samples[^1]:F1} µs, {allocated:F0} bytes allocated per step"));
    }
}
