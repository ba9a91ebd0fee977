using System.Diagnostics;
using System.Globalization;
using Astrograd.Kernels;
using Astrograd.Losses;
using Astrograd.NN;
using Astrograd.Optim;

namespace Astrograd.Bench;

/// <summary>
/// `mlp-wide [threads]`: the wide reference MLP (256-1024-1024-10, tanh, softmax cross-entropy, SGD, batch 512)
/// on random inputs and labels, 30 warm-up steps then 50 timed steps, each timed on its own: the workload of the
/// shared PyTorch script mlp_wide_torch.py, where the matrix products dominate (4.06 GFLOP a step).
/// </summary>
internal static class MlpWide
{
    // Untimed steps first: the JIT re-compiles the step's methods with full optimisation over the first ~20 steps
    // (5 left the first half of the timed steps 20-50 % slower); the reference has no JIT and warms up 5.
    private const int WarmUp = 30;

    public static void Run(string[] args)
    {
        var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        Gemm.MaxThreads = threads;
        var rng = new Rng(0);
        var model = new Mlp<float>(new MlpSpec(256, [1024, 1024], 10, Activation.Tanh), rng);
        var sgd = new Sgd<float>(model.Parameters(), new SgdOptions(0.01));
        var x = Tensor.RandomNormal<float>(rng, [512, 256]);
        var labels = new int[512];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = (int)(rng.NextUInt64() % 10);
        }

        var graph = CapturedGraph<float>.Capture(() => CrossEntropy.FromLogits(model.Forward(x), labels));
        var times = new List<double>();
        for (var step = 0; step < WarmUp + 50; step++)
        {
            // A new batch each step, as the reference cycles through a pool of batches.
            var data = x.Span;
            for (var i = 0; i < 512; i++)
            {
                data[(step * 7919 + i * 31) % data.Length] += 1e-3f;
            }

            var clock = Stopwatch.StartNew();
            sgd.ZeroGrad();
            graph.Forward();
            graph.Backward();
            sgd.Step();
            if (step >= WarmUp)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        var parameters = model.ParameterCount();
        var flop = 6.0 * parameters * 512;
        var median = times[times.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"bench\": \"mlp_wide\", \"system\": \"astrograd\", \"threads\": {threads}, " +
            $"\"step_ms_median\": {median:F3}, \"step_ms_min\": {times[0]:F3}, \"step_ms_max\": {times[^1]:F3}, " +
            $"\"gflops\": {flop / median / 1e6:F1}, \"loss\": {graph.Output.Item():R}}}"));
    }
}
