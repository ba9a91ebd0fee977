using Astrograd.NN;
using Astrograd.Optim;

namespace Astrograd.Tests.Optim;

/// <summary>Every optimizer, in float32, fits a tiny regression: y = 1 + 2x − x² from features (x, x²).</summary>
public class LossGoesDownTests
{
    private static readonly Dictionary<string, (Func<Parameter<float>[], Optimizer<float>> Make, int Steps)> _table =
        new()
        {
            ["sgd"] = (p => new Sgd<float>(p, new SgdOptions(0.1, Momentum: 0.9)), 200),
            ["adam"] = (p => new Adam<float>(p, new AdamOptions(0.05)), 200),
            ["adam_l2_amsgrad"] = (p => new Adam<float>(p, new AdamOptions(0.05, L2WeightDecay: 1e-4,
                AmsGrad: true)), 200),
            ["adamw"] = (p => new AdamW<float>(p, new AdamWOptions(0.05, DecoupledWeightDecay: 1e-3)), 200),
            ["rmsprop"] = (p => new RmsProp<float>(p, new RmsPropOptions(0.01)), 200),
            ["rmsprop_centered_momentum"] = (p => new RmsProp<float>(p, new RmsPropOptions(0.005, Momentum: 0.5,
                Centered: true)), 200),
            ["rprop"] = (p => new Rprop<float>(p, new RpropOptions(0.01)), 200),
            ["lbfgs"] = (p => new Lbfgs<float>(p, new LbfgsOptions()), 5),
            ["lbfgs_fixed_step"] = (p => new Lbfgs<float>(p, new LbfgsOptions(0.5, LineSearch: LbfgsLineSearch.None)),
                20),
        };

    public static TheoryData<string> Kinds => [.. _table.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Loss_falls_a_hundredfold_on_a_tiny_regression(string kind)
    {
        var xs = Enumerable.Range(0, 16).Select(i => i / 10f).ToArray();
        var x = Tensor.FromArray(xs.SelectMany(v => new[] { v, v * v }).ToArray(), 16, 2);
        var y = Tensor.FromArray(xs.Select(v => 1 + 2 * v - v * v).ToArray(), 16, 1);
        var w = new Parameter<float>(new Shape(2, 1), [0f, 0f]);
        var b = new Parameter<float>(new Shape(1), [0f]);
        var (make, steps) = _table[kind];
        var optimizer = make([w, b]);
        float Closure()
        {
            optimizer.ZeroGrad();
            var r = x.MatMul(w) + b - y;
            var loss = (r * r).Mean();
            loss.Backward();
            return loss.Item();
        }

        var first = optimizer.Step(Closure);
        for (var i = 1; i < steps; i++)
        {
            optimizer.Step(Closure);
        }

        var last = Closure();
        Assert.True(last < first / 100, $"{kind}: loss {first} → {last}");
    }
}
