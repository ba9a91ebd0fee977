using Astrograd.Losses;
using Astrograd.NN;
using Astrograd.Optim;

namespace Astrograd.Tests.Autograd;

public class CapturedGraphTests
{
    private static float[] Bits(IEnumerable<Parameter<float>> parameters) =>
        [.. parameters.SelectMany(p => p.ToArray())];

    private static float[] Grads(IEnumerable<Parameter<float>> parameters) =>
        [.. parameters.SelectMany(p => p.Grad!.ToArray())];

    // Writes batch k into x and y in place (the captured graph reads them on each replay).
    private static void FillBatch(Tensor<float> x, Tensor<float> y, int k)
    {
        var rng = new Rng(100 + (ulong)k);
        var xs = x.Span;
        for (var i = 0; i < xs.Length; i++)
        {
            xs[i] = (float)rng.NextNormal();
        }

        var ys = y.Span;
        for (var i = 0; i < ys.Length; i++)
        {
            ys[i] = xs[i * (xs.Length / ys.Length)] > 0 ? 1 : 0;
        }
    }

    public static TheoryData<Activation, double> Networks => new()
    {
        { Activation.Tanh, 0 },
        { Activation.Relu, 0 },
        { Activation.Sigmoid, 0 },
        { Activation.Gelu, 0 },
        { Activation.Silu, 0 },
        { Activation.Elu, 0 },
        { Activation.Softplus, 0 },
        { Activation.LeakyRelu, 0 },
        { Activation.Tanh, 0.3 },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Replayed_steps_match_eager_steps_bit_for_bit(Activation activation, double dropout)
    {
        float[] Train(bool capture)
        {
            var model = new Mlp<float>(new MlpSpec(5, [7, 6], 1, activation, dropout), new Rng(3));
            var sgd = new Sgd<float>(model.Parameters(), new SgdOptions(0.1, Momentum: 0.9));
            var x = Tensor.Zeros<float>(9, 5);
            var y = Tensor.Zeros<float>(9, 1);
            FillBatch(x, y, 0);
            var graph = capture
                ? CapturedGraph<float>.Capture(() => Loss.BinaryCrossEntropyWithLogits(model.Forward(x), y))
                : null;
            for (var k = 0; k < 6; k++)
            {
                FillBatch(x, y, k);
                sgd.ZeroGrad();
                if (graph is null)
                {
                    Loss.BinaryCrossEntropyWithLogits(model.Forward(x), y).Backward();
                }
                else
                {
                    if (k > 0)
                    {
                        graph.Forward();
                    }

                    graph.Backward();
                }

                sgd.Step();
            }

            return Bits(model.Parameters());
        }

        Assert.Equal(Train(capture: false), Train(capture: true));
    }

    [Fact]
    public void Replay_reads_the_current_inputs_and_labels()
    {
        var model = new Mlp<float>(new MlpSpec(3, [4], 3, Activation.Tanh), new Rng(1));
        var x = Tensor.Zeros<float>(4, 3);
        var labels = new int[] { 0, 1, 2, 0 };
        var graph = CapturedGraph<float>.Capture(() => CrossEntropy.FromLogits(model.Forward(x), labels,
            Reduction.Mean));

        x.Span.Fill(0.5f);
        labels[1] = 0;
        graph.Forward();
        var eager = CrossEntropy.FromLogits(model.Forward(x), (ReadOnlySpan<int>)labels);

        Assert.Equal(eager.Item(), graph.Output.Item());
    }

    [Fact]
    public void Gradients_of_a_replay_equal_those_of_an_eager_pass()
    {
        var model = new Mlp<float>(new MlpSpec(4, [8], 2, Activation.Relu), new Rng(2));
        var x = Tensor.RandomNormal<float>(new Rng(5), [6, 4]);
        var y = Tensor.RandomNormal<float>(new Rng(6), [6, 2]);
        var graph = CapturedGraph<float>.Capture(() => Loss.L2(model.Forward(x), y));
        foreach (var p in model.Parameters())
        {
            p.ZeroGrad();
        }

        graph.Forward();
        graph.Backward();
        var replayed = Grads(model.Parameters());
        foreach (var p in model.Parameters())
        {
            p.ZeroGrad();
        }

        Loss.L2(model.Forward(x), y).Backward();

        Assert.Equal(Grads(model.Parameters()), replayed);
    }

    [Fact]
    public void A_gradient_with_one_assigning_writer_is_overwritten_and_one_with_two_is_still_added()
    {
        // h feeds only its tanh, whose rule then writes h's gradient whole; a is both inputs of one product
        // (a · aᵀ), so both of that rule's writes add into its cleared buffer.
        var w = Tensor.RandomNormal<float>(new Rng(7), [3, 4]);
        w.RequiresGrad = true;
        var x = Tensor.RandomNormal<float>(new Rng(8), [5, 4]);
        var y = Tensor.RandomNormal<float>(new Rng(9), [5, 5]);
        Tensor<float> h = null!, a = null!;
        Tensor<float> Build()
        {
            h = x.Linear(w);
            a = h.Tanh();
            return Loss.L2(a.Linear(a), y);
        }

        var graph = CapturedGraph<float>.Capture(Build);
        w.ZeroGrad();
        graph.Forward();
        graph.Backward();
        var replayed = w.Grad!.ToArray();

        Assert.True(h.GradAssigned, "h has one writer that assigns");
        Assert.False(a.GradAssigned, "a has two writers");
        for (var pass = 0; pass < 3; pass++)
        {
            w.ZeroGrad();
            graph.Forward();
            graph.Backward();
            Assert.Equal(replayed, w.Grad!.ToArray());
        }

        w.ZeroGrad();
        var eager = x.Linear(w).Tanh();
        Loss.L2(eager.Linear(eager), y).Backward();
        Assert.Equal(w.Grad!.ToArray(), replayed);
    }

    [Fact]
    public void A_replayed_training_step_allocates_nothing()
    {
        var model = new Mlp<float>(new MlpSpec(8, [16, 16], 1, Activation.Tanh, Dropout: 0.1), new Rng(1));
        var sgd = new Sgd<float>(model.Parameters(), new SgdOptions(0.05, Momentum: 0.9, Nesterov: true,
            WeightDecay: 1e-4));
        var x = Tensor.RandomNormal<float>(new Rng(2), [32, 8]);
        var y = Tensor.Zeros<float>(32, 1);
        var graph = CapturedGraph<float>.Capture(() => Loss.BinaryCrossEntropyWithLogits(model.Forward(x), y));
        for (var i = 0; i < 3; i++)
        {
            sgd.ZeroGrad();
            graph.Forward();
            graph.Backward();
            sgd.Step();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            sgd.ZeroGrad();
            graph.Forward();
            graph.Backward();
            sgd.Step();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void An_op_that_cannot_be_replayed_is_named()
    {
        var w = Tensor.FromArray([1f, 2f], 2);
        w.RequiresGrad = true;

        var error = Assert.Throws<NotSupportedException>(() => CapturedGraph<float>.Capture(() => w.Exp().Sum()));

        Assert.Contains("'exp'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_made_inside_the_build_is_refused()
    {
        var model = new Linear<float>(2, 1, new Rng(1));
        var x = Tensor.Ones<float>(3, 2);

        var error = Assert.Throws<NotSupportedException>(() => CapturedGraph<float>.Capture(() =>
            Loss.L2(model.Forward(x), Tensor.Zeros<float>(3, 1))));

        Assert.Contains("[3, 1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Capture_needs_a_scalar_that_requires_grad()
    {
        var x = Tensor.Ones<float>(3, 2);
        var w = Tensor.Ones<float>(1, 2);

        Assert.Throws<InvalidOperationException>(() => CapturedGraph<float>.Capture(() => x.Linear(w)));
    }

    [Fact]
    public void Captures_do_not_nest()
    {
        var model = new Linear<float>(2, 1, new Rng(1));
        var x = Tensor.Ones<float>(3, 2);
        var y = Tensor.Zeros<float>(3, 1);

        Assert.Throws<InvalidOperationException>(() => CapturedGraph<float>.Capture(() =>
        {
            CapturedGraph<float>.Capture(() => Loss.L2(model.Forward(x), y));
            return Loss.L2(model.Forward(x), y);
        }));

        // The failed capture leaves nothing behind: the next one works.
        Assert.NotNull(CapturedGraph<float>.Capture(() => Loss.L2(model.Forward(x), y)));
    }
}
