using Astrograd.NN;
using Astrograd.Optim;

namespace Astrograd.Tests.Optim;

/// <summary>
/// After the first step has made the state, a step allocates nothing: training loops call it every batch.
/// These measure bytes allocated on the test's own thread, not time.
/// </summary>
public class StepAllocationTests
{
    private static readonly Dictionary<string, Func<Parameter<float>[], Optimizer<float>>> _makers = new()
    {
        ["sgd"] = p => new Sgd<float>(p, new SgdOptions(0.01, Momentum: 0.9, WeightDecay: 0.01, Nesterov: true)),
        ["adam"] = p => new Adam<float>(p, new AdamOptions(0.01, L2WeightDecay: 0.01, AmsGrad: true)),
        ["adamw"] = p => new AdamW<float>(p, new AdamWOptions(0.01)),
        ["rmsprop"] = p => new RmsProp<float>(p, new RmsPropOptions(0.01, Momentum: 0.9, Centered: true,
            L2WeightDecay: 0.01)),
        ["rmsprop_plain"] = p => new RmsProp<float>(p, new RmsPropOptions(0.01)),
        ["rprop"] = p => new Rprop<float>(p, new RpropOptions(0.01)),
    };

    public static TheoryData<string> Kinds => [.. _makers.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_and_zero_grad_allocate_nothing_after_the_first_step(string kind)
    {
        // Sizes that leave a scalar tail after the vector loop, and a parameter that never gets a gradient.
        var w = new Parameter<float>(new Shape(37, 3), new float[111]);
        var b = new Parameter<float>(new Shape(5), [1, 2, 3, 4, 5]);
        var idle = new Parameter<float>(new Shape(2), [0, 0]);
        var optimizer = _makers[kind]([w, b, idle]);
        ((w * w).Sum() + (b * b).Sum()).Backward();
        for (var i = 0; i < 3; i++)
        {
            optimizer.Step();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            optimizer.Step();
        }

        optimizer.ZeroGrad();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Lbfgs_allocates_nothing_once_its_history_is_full()
    {
        // Rosenbrock with the gradient written by hand into the existing buffer, so the closure allocates nothing.
        var p = new Parameter<double>(new Shape(2), [-1.5, 2.0]);
        (p * 1.0).Sum().Backward();
        var lbfgs = new Lbfgs<double>([p], new LbfgsOptions(MaxIterations: 1, HistorySize: 2));
        Func<double> closure = () =>
        {
            var (x, y) = (p.Span[0], p.Span[1]);
            var g = p.Grad!.Span;
            g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
            g[1] = 200 * (y - x * x);
            return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
        };
        for (var i = 0; i < 5; i++)
        {
            lbfgs.Step(closure);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            lbfgs.Step(closure);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2, lbfgs.HistoryCount);
        Assert.Equal(0, allocated);
    }
}
