using Astrograd.NN;
using Astrograd.Optim;

namespace Astrograd.Tests.Optim;

public class OptimizerStateTests
{
    private static readonly Dictionary<string, Func<Parameter<double>[], Optimizer<double>>> _makers = new()
    {
        ["sgd"] = p => new Sgd<double>(p, new SgdOptions(0.05, Momentum: 0.9, Nesterov: true)),
        ["adam"] = p => new Adam<double>(p, new AdamOptions(0.05, L2WeightDecay: 0.01, AmsGrad: true)),
        ["adamw"] = p => new AdamW<double>(p, new AdamWOptions(0.05)),
        ["rmsprop"] = p => new RmsProp<double>(p, new RmsPropOptions(0.01, Momentum: 0.5, Centered: true)),
        ["rprop"] = p => new Rprop<double>(p, new RpropOptions(0.05)),
        ["lbfgs"] = p => new Lbfgs<double>(p, new LbfgsOptions(MaxIterations: 1, HistorySize: 3)),
    };

    public static TheoryData<string> Kinds => [.. _makers.Keys];

    private static (Parameter<double>[] Parameters, Optimizer<double> Optimizer, Func<double> Closure) Make(
        string kind)
    {
        var (parameters, loss) = GoldenFile.Problem("least_squares");
        var optimizer = _makers[kind](parameters);
        return (parameters, optimizer, () =>
        {
            optimizer.ZeroGrad();
            var l = loss();
            l.Backward();
            return l.Item();
        }
        );
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Exported_state_resumes_the_exact_trajectory(string kind)
    {
        var (a, optimizerA, stepA) = Make(kind);
        for (var i = 0; i < 5; i++)
        {
            optimizerA.Step(stepA);
        }

        optimizerA.LearningRate *= 0.5; // as a schedule would
        var state = optimizerA.ExportState();
        var (b, optimizerB, stepB) = Make(kind);
        for (var i = 0; i < a.Length; i++)
        {
            a[i].Span.CopyTo(b[i].Span);
        }

        optimizerB.ImportState(state);
        for (var i = 0; i < 5; i++)
        {
            optimizerA.Step(stepA);
            optimizerB.Step(stepB);
        }

        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i].ToArray(), b[i].ToArray());
        }

        Assert.Equal(optimizerA.Steps, optimizerB.Steps);
        Assert.Equal(optimizerA.LearningRate, optimizerB.LearningRate);
        Assert.Equal(optimizerA.Name, state.Optimizer);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_state_from_before_the_first_step_imports_as_a_fresh_start(string kind)
    {
        var (_, fresh, _) = Make(kind);
        var (_, used, step) = Make(kind);
        used.Step(step);

        used.ImportState(fresh.ExportState());

        var state = used.ExportState();
        Assert.Equal(0, state.Scalars["steps"]);
        Assert.Empty(state.Tensors);
    }

    [Fact]
    public void Exported_tensors_are_copies()
    {
        var (_, adam, step) = Make("adam");
        adam.Step(step);
        var state = adam.ExportState();

        state.Tensors["0.first_moment"].Span.Fill(1e9);

        Assert.NotEqual(1e9, adam.ExportState().Tensors["0.first_moment"].Span[0]);
    }

    [Fact]
    public void State_of_another_optimizer_is_refused_by_name()
    {
        var (_, adam, step) = Make("adam");
        adam.Step(step);
        var (_, rms, _) = Make("rmsprop");

        var e = Assert.Throws<ArgumentException>(() => rms.ImportState(adam.ExportState()));

        Assert.Contains("Adam", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void State_over_parameters_of_other_shapes_is_refused()
    {
        var (_, adam, step) = Make("adam");
        adam.Step(step);
        var other = new Adam<double>(
            [new Parameter<double>(new Shape(3), [0, 0, 0]), new Parameter<double>(new Shape(1), [0])],
            new AdamOptions(AmsGrad: true));

        var e = Assert.Throws<ArgumentException>(() => other.ImportState(adam.ExportState()));

        Assert.Contains("[3, 1]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[3]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_entry_is_refused_and_the_state_left_as_it_was()
    {
        var (_, adam, step) = Make("adam");
        adam.Step(step);
        var before = adam.ExportState();
        var tensors = new Dictionary<string, Tensor<double>>(before.Tensors)
        {
            ["0.first_moment"] = Tensor.Zeros<double>(3, 1), // would be read before the bad entry is found
            ["7.first_moment"] = Tensor.Zeros<double>(1),
        };
        var bad = new OptimizerState<double>("Adam", before.Scalars, tensors);

        var e = Assert.Throws<ArgumentException>(() => adam.ImportState(bad));

        Assert.Contains("7.first_moment", e.Message, StringComparison.Ordinal);
        var after = adam.ExportState();
        Assert.Equal(before.Tensors["0.first_moment"].ToArray(), after.Tensors["0.first_moment"].ToArray());
    }

    [Fact]
    public void An_incomplete_adam_state_is_refused()
    {
        var (_, adam, step) = Make("adam");
        adam.Step(step);
        var state = adam.ExportState();
        var tensors = state.Tensors.Where(t => t.Key != "0.second_moment_max").ToDictionary();

        var e = Assert.Throws<ArgumentException>(() =>
            adam.ImportState(new OptimizerState<double>("Adam", state.Scalars, tensors)));

        Assert.Contains("second_moment_max", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lbfgs_exports_its_history_oldest_first_as_rows()
    {
        var (_, lbfgs, step) = Make("lbfgs");
        for (var i = 0; i < 6; i++)
        {
            lbfgs.Step(step);
        }

        var state = lbfgs.ExportState();

        Assert.Equal(new Shape(3, 4), state.Tensors["history_s"].Shape);
        Assert.Equal(new Shape(3, 4), state.Tensors["history_y"].Shape);
        Assert.Equal(new Shape(4), state.Tensors["direction"].Shape);
        Assert.Equal(6, state.Scalars["iterations"]);
    }
}
