using Astrograd.Expressions;

namespace Astrograd.Tests.Expressions;

public class ExpressionEvaluationTests
{
    private static ExpressionGraph Evaluate(string text, params (string Name, double Value)[] values) =>
        Expression.Parse(text).Evaluate(values.ToDictionary(v => v.Name, v => v.Value));

    [Fact]
    public void G1_gives_the_value_and_the_gradient_of_every_variable()
    {
        var graph = Evaluate("(x+y)*z", ("x", -2), ("y", 5), ("z", -4));

        Assert.Equal(-12, graph.Value);
        Assert.Equal(["x", "y", "z"], graph.Gradients.Keys);
        Assert.Equal(-4, graph.Gradients["x"]);
        Assert.Equal(-4, graph.Gradients["y"]);
        Assert.Equal(3, graph.Gradients["z"]);
    }

    [Fact]
    public void G1_lists_every_node_with_its_inputs_value_gradient_and_label()
    {
        var graph = Evaluate("(x+y)*z", ("x", -2), ("y", 5), ("z", -4));

        Assert.Collection(graph.Nodes,
            n => Assert.Equal((0, "var", "x", -2.0, (double?)-4.0), (n.Id, n.Op, n.Label, n.Value, n.Grad)),
            n => Assert.Equal((1, "var", "y", 5.0, (double?)-4.0), (n.Id, n.Op, n.Label, n.Value, n.Grad)),
            n => Assert.Equal((2, "add", "x+y", 3.0, (double?)-4.0), (n.Id, n.Op, n.Label, n.Value, n.Grad)),
            n => Assert.Equal((3, "var", "z", -4.0, (double?)3.0), (n.Id, n.Op, n.Label, n.Value, n.Grad)),
            n => Assert.Equal((4, "mul", "(x+y)*z", -12.0, (double?)1.0), (n.Id, n.Op, n.Label, n.Value, n.Grad)));
        Assert.Equal([0, 1], graph.Nodes[2].Inputs);
        Assert.Equal([2, 3], graph.Nodes[4].Inputs);
        Assert.Same(graph.Nodes[4], graph.Output);
    }

    [Fact]
    public void G4_nested_products_and_sums()
    {
        var graph = Evaluate("(a*b + c)*f", ("a", 2), ("b", -3), ("c", 10), ("f", -2));

        Assert.Equal(-8, graph.Value);
        Assert.Equal(6, graph.Gradients["a"]);
        Assert.Equal(-4, graph.Gradients["b"]);
        Assert.Equal(-2, graph.Gradients["c"]);
        Assert.Equal(4, graph.Gradients["f"]);
    }

    [Fact]
    public void P1_a_variable_used_twice_is_one_node_whose_gradient_accumulates()
    {
        var graph = Evaluate("x*x", ("x", 3));

        Assert.Equal(9, graph.Value);
        Assert.Equal(6, graph.Gradients["x"]);
        Assert.Equal(2, graph.Nodes.Count);
        Assert.Equal([0, 0], graph.Nodes[1].Inputs);
    }

    [Fact]
    public void Constants_have_no_gradient_and_constant_subexpressions_are_not_differentiated()
    {
        var graph = Evaluate("2*3 + x", ("x", 1));

        Assert.Equal(7, graph.Value);
        Assert.Equal(1, graph.Gradients["x"]);
        var constants = graph.Nodes.Where(n => n.Kind == GraphNodeKind.Constant).ToList();
        Assert.Equal(["2", "3"], constants.Select(c => c.Label));
        Assert.All(constants, c => Assert.Null(c.Grad));
        Assert.Null(graph.Nodes.Single(n => n.Label == "2*3").Grad);
    }

    [Fact]
    public void A_constant_expression_has_a_value_and_no_gradients()
    {
        var graph = Evaluate("2 * 3 + 1");

        Assert.Equal(7, graph.Value);
        Assert.Empty(graph.Gradients);
    }

    [Fact]
    public void A_lone_variable_has_gradient_one()
    {
        var graph = Evaluate("x", ("x", 4));

        Assert.Equal(4, graph.Value);
        Assert.Equal(1, graph.Gradients["x"]);
    }

    [Fact]
    public void Extra_values_are_ignored()
    {
        var graph = Evaluate("x + x", ("x", 1), ("unused", 5));

        Assert.Equal(2, graph.Value);
        Assert.Equal(["x"], graph.Gradients.Keys);
    }

    [Fact]
    public void Inputs_always_come_before_the_nodes_that_use_them()
    {
        var graph = Evaluate("(a + b) * (a * c) + b", ("a", 1), ("b", 2), ("c", 3));

        Assert.All(graph.Nodes, n => Assert.All(n.Inputs, i => Assert.True(i < n.Id)));
        Assert.Equal(graph.Nodes.Count - 1, graph.Output.Id);
    }

    [Fact]
    public void Evaluation_inside_a_no_grad_scope_is_refused()
    {
        var expression = Expression.Parse("x * 2");

        using (Astrograd.Autograd.NoGrad())
        {
            Assert.Throws<InvalidOperationException>(
                () => expression.Evaluate(new Dictionary<string, double> { ["x"] = 1 }));
        }
    }
}
