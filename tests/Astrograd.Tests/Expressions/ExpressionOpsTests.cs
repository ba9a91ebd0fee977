using System.Globalization;
using Astrograd.Expressions;

namespace Astrograd.Tests.Expressions;

/// <summary>The worked cases that need the full op set, and every op against its calculus.</summary>
public class ExpressionOpsTests
{
    private const int Digits = 7;

    private static ExpressionGraph Evaluate(string text, params (string Name, double Value)[] values) =>
        Expression.Parse(text).Evaluate(values.ToDictionary(v => v.Name, v => v.Value));

    [Fact]
    public void G3_x_used_three_times_and_y_twice()
    {
        var graph = Evaluate("(x + sigmoid(y)) / (sigmoid(x) + (x + y)^2)", ("x", 3), ("y", -4));

        Assert.Equal(1.5456449, graph.Value, Digits);
        Assert.Equal(2.0595698, graph.Gradients["x"], Digits);
        Assert.Equal(1.5922328, graph.Gradients["y"], Digits);
        Assert.Equal(0.0179862, graph.Nodes.Single(n => n.Label == "sigmoid(y)").Value, Digits);
        Assert.Equal(1.9525741, graph.Nodes.Single(n => n.Label == "sigmoid(x) + (x + y)^2").Value, Digits);
    }

    [Theory]
    [InlineData("sigmoid(w0*x0 + w1*x1 + w2)")]
    [InlineData("1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))")]
    public void G2_a_fused_sigmoid_and_the_gate_by_gate_graph_give_the_same_leaves(string text)
    {
        var graph = Evaluate(text, ("w0", 2), ("x0", -1), ("w1", -3), ("x1", -2), ("w2", -3));

        Assert.Equal(0.7310586, graph.Value, Digits);
        Assert.Equal(-0.1966119, graph.Gradients["w0"], Digits);
        Assert.Equal(0.3932239, graph.Gradients["x0"], Digits);
        Assert.Equal(-0.3932239, graph.Gradients["w1"], Digits);
        Assert.Equal(-0.5898358, graph.Gradients["x1"], Digits);
        Assert.Equal(0.1966119, graph.Gradients["w2"], Digits);
    }

    [Fact]
    public void G6_max_gate_routes_the_gradient_to_the_larger_input()
    {
        var graph = Evaluate("2*(x*y + max(z, w))", ("x", 3), ("y", -4), ("z", 2), ("w", -1));

        Assert.Equal(-20, graph.Value);
        Assert.Equal(-8, graph.Gradients["x"]);
        Assert.Equal(6, graph.Gradients["y"]);
        Assert.Equal(2, graph.Gradients["z"]);
        Assert.Equal(0, graph.Gradients["w"]);
    }

    [Fact]
    public void G6_at_a_tie_max_gives_the_gradient_to_its_second_argument()
    {
        var graph = Evaluate("max(z, w)", ("z", 1), ("w", 1));

        Assert.Equal(0, graph.Gradients["z"]);
        Assert.Equal(1, graph.Gradients["w"]);
    }

    [Fact]
    public void P3_power_with_a_variable_exponent()
    {
        var graph = Evaluate("a^b", ("a", 2), ("b", 3));

        Assert.Equal(8, graph.Value);
        Assert.Equal(12, graph.Gradients["a"], Digits);
        Assert.Equal(5.545177, graph.Gradients["b"], 6);
    }

    [Fact]
    public void P3_a_negative_base_gives_a_NaN_exponent_gradient_without_an_exception()
    {
        var graph = Evaluate("a^b", ("a", -2), ("b", -3));

        Assert.Equal(-0.125, graph.Value);
        Assert.Equal(-0.1875, graph.Gradients["a"], Digits);
        Assert.True(double.IsNaN(graph.Gradients["b"]));
    }

    [Fact]
    public void P6_relu_at_zero_has_gradient_zero()
    {
        var graph = Evaluate("relu(x)", ("x", 0));

        Assert.Equal(0, graph.Value);
        Assert.Equal(0, graph.Gradients["x"]);
    }

    [Fact]
    public void P7_an_activation_multiplies_the_incoming_gradient()
    {
        var relu = Evaluate("3*relu(x)", ("x", 2));
        var sigmoid = Evaluate("(sigmoid(w*h) - t)^2", ("w", 2), ("h", 0.5), ("t", 1));

        Assert.Equal(3, relu.Gradients["x"]);
        Assert.Equal(-0.0528771, sigmoid.Gradients["w"], Digits);
    }

    [Theory]
    [InlineData("-x^2", 3.0, -9.0, -6.0)]
    [InlineData("(-x)^2", 3.0, 9.0, 6.0)]
    [InlineData("x - 5", 2.0, -3.0, 1.0)]
    [InlineData("5 - x", 2.0, 3.0, -1.0)]
    [InlineData("1 / x", 4.0, 0.25, -0.0625)]
    [InlineData("exp(x)", 1.0, Math.E, Math.E)]
    [InlineData("log(x)", 2.0, 0.69314718055994529, 0.5)]
    [InlineData("sqrt(x)", 4.0, 2.0, 0.25)]
    [InlineData("tanh(x)", 0.0, 0.0, 1.0)]
    [InlineData("sigmoid(x)", 0.0, 0.5, 0.25)]
    [InlineData("relu(x)", -1.5, 0.0, 0.0)]
    [InlineData("relu(x)", 1.5, 1.5, 1.0)]
    [InlineData("max(x, 2)", 3.0, 3.0, 1.0)]
    [InlineData("max(x, 2)", 1.0, 2.0, 0.0)]
    [InlineData("2^x", 3.0, 8.0, 5.5451774444795623)]
    [InlineData("x^.5", 4.0, 2.0, 0.25)]
    [InlineData("1e-3 * x", 7.0, 0.007, 0.001)]
    public void Every_op_has_its_value_and_derivative(string text, double x, double value, double derivative)
    {
        var graph = Evaluate(text, ("x", x));

        Assert.Equal(value, graph.Value, 12);
        Assert.Equal(derivative, graph.Gradients["x"], 12);
    }

    [Theory]
    [InlineData("x*y - x/y + x^2*y")]
    [InlineData("exp(-x*y) + log(x + y^2)")]
    [InlineData("sqrt(x*x + y*y) * tanh(x - y)")]
    [InlineData("sigmoid(x) / (1 + relu(y - x))")]
    [InlineData("max(x*y, x + y)^2 - -x")]
    [InlineData("x^y + y^x")]
    public void Gradients_agree_with_central_differences(string text)
    {
        var expression = Expression.Parse(text);
        var at = new Dictionary<string, double> { ["x"] = 1.3, ["y"] = 0.7 };

        var graph = expression.Evaluate(at);

        const double Step = 1e-6;
        foreach (var name in at.Keys)
        {
            var plus = new Dictionary<string, double>(at) { [name] = at[name] + Step };
            var minus = new Dictionary<string, double>(at) { [name] = at[name] - Step };
            var numeric = (expression.Evaluate(plus).Value - expression.Evaluate(minus).Value) / (2 * Step);
            Assert.True(Math.Abs(numeric - graph.Gradients[name]) <= 1e-6 * Math.Max(1, Math.Abs(numeric)),
                string.Create(CultureInfo.InvariantCulture,
                    $"∂/∂{name}: backward {graph.Gradients[name]}, central difference {numeric}"));
        }
    }

    [Fact]
    public void Every_op_node_names_the_engine_op_it_used()
    {
        var graph = Evaluate("max(relu(x), sigmoid(x)) - tanh(x) / sqrt(exp(x)) ^ log(x) * -x", ("x", 2));

        var ops = graph.Nodes.Where(n => n.Kind == GraphNodeKind.Operation).Select(n => n.Op).Distinct();
        Assert.Equal(
            ["div", "exp", "log", "max", "mul", "neg", "pow", "relu", "sigmoid", "sqrt", "sub", "tanh"],
            ops.Order(StringComparer.Ordinal));
    }
}
