using System.Numerics;
using Astrograd.NN;
using Astrograd.Optim;

namespace Astrograd.Tests.Optim;

/// <summary>
/// The fused updates run a vector loop and a scalar tail that spell the same formula twice. Elements that start
/// equal and see equal gradients must stay bitwise equal wherever they fall, lanes or tail.
/// </summary>
public class KernelConsistencyTests
{
    public static TheoryData<string> Kinds => ["adam", "adamw", "rmsprop", "rprop"];

    private static Optimizer<T> Make<T>(string kind, Parameter<T> w)
        where T : unmanaged, IFloatingPointIeee754<T> => kind switch
        {
            "adam" => new Adam<T>([w], new AdamOptions(0.1, L2WeightDecay: 0.1, AmsGrad: true)),
            "adamw" => new AdamW<T>([w], new AdamWOptions(0.1, DecoupledWeightDecay: 0.5, AmsGrad: true)),
            "rmsprop" => new RmsProp<T>([w], new RmsPropOptions(0.05, Momentum: 0.5, Centered: true,
                L2WeightDecay: 0.1)),
            "rprop" => new Rprop<T>([w], new RpropOptions(0.5)), // overshoots, so signs flip
            _ => throw new ArgumentException(kind, nameof(kind)),
        };

    private static void Check<T>(string kind)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // 4·Vector<T>.Count + 3 elements: four vectors, then a tail of three.
        var n = 4 * Vector<T>.Count + 3;
        var w = new Parameter<T>(new Shape(n), Enumerable.Repeat(T.One, n).ToArray());
        var optimizer = Make(kind, w);
        var target = T.CreateChecked(0.3);

        for (var step = 0; step < 12; step++)
        {
            optimizer.ZeroGrad();
            ((w - target) * (w - target)).Sum().Backward();
            optimizer.Step();

            var values = w.ToArray();
            Assert.All(values, v => Assert.Equal(values[0], v));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Vector_lanes_and_the_scalar_tail_agree_in_float32(string kind) => Check<float>(kind);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Vector_lanes_and_the_scalar_tail_agree_in_float64(string kind) => Check<double>(kind);
}
