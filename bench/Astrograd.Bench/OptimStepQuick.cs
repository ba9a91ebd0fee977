using System.Diagnostics;
using System.Globalization;
using Astrograd.NN;
using Astrograd.Optim;

namespace Astrograd.Bench;

/// <summary>
/// `optim-quick`: the cost of one optimizer Step() alone (gradients fixed), for the MLP-HTRU2 parameters
/// (4,801 floats in six tensors) and for one tensor of a million floats; median µs per step and bytes allocated.
/// </summary>
public static class OptimStepQuick
{
    private static readonly (string Name, Func<IReadOnlyList<Parameter<float>>, Optimizer<float>> Make)[] _kinds =
    [
        ("Sgd (momentum)", p => new Sgd<float>(p, new SgdOptions(0.01, Momentum: 0.9))),
        ("Adam", p => new Adam<float>(p, new AdamOptions(1e-3))),
        ("AdamW", p => new AdamW<float>(p, new AdamWOptions(1e-3))),
        ("RmsProp (centred, momentum)", p => new RmsProp<float>(p, new RmsPropOptions(Momentum: 0.9,
            Centered: true))),
        ("Rprop", p => new Rprop<float>(p, new RpropOptions())),
    ];

    public static void Run()
    {
        var rng = new Rng(1);
        var mlp = new Mlp<float>(new MlpSpec(8, [64, 64], 1, Activation.Tanh), rng).Parameters();
        var big = new[] { Parameter<float>.From(Tensor.RandomNormal<float>(rng, [1_000_000])) };
        foreach (var (label, parameters, steps) in new[] { ("MLP-HTRU2", mlp, 20_000), ("1M", big, 200) })
        {
            foreach (var p in parameters)
            {
                (p * p).Sum().Backward(); // any gradient will do; Step() reads it and leaves it alone
            }

            foreach (var (name, make) in _kinds)
            {
                Measure($"{label,-9} {name}", make(parameters), steps);
            }
        }
    }

    private static void Measure(string label, Optimizer<float> optimizer, int steps)
    {
        for (var i = 0; i < steps / 4; i++)
        {
            optimizer.Step();
        }

        var samples = new List<double>();
        for (var s = 0; s < 9; s++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < steps / 10; i++)
            {
                optimizer.Step();
            }

            samples.Add(clock.Elapsed.TotalMicroseconds / (steps / 10));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        optimizer.Step();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        samples.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-40} median {samples[samples.Count / 2],10:F2} µs/step, {allocated} bytes allocated"));
    }
}
