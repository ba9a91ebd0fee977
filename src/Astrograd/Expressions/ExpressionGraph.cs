namespace Astrograd.Expressions;

/// <summary>What a node of an expression graph is.</summary>
public enum GraphNodeKind
{
    /// <summary>A named input; the gradient flows into it.</summary>
    Variable,

    /// <summary>A numeric literal; it has no gradient.</summary>
    Constant,

    /// <summary>An op applied to other nodes.</summary>
    Operation,
}

/// <summary>
/// One node of an evaluated expression graph.
/// </summary>
/// <param name="Id">The node's index in <see cref="ExpressionGraph.Nodes"/>; inputs always have smaller ids.</param>
/// <param name="Op">
/// <c>var</c>, <c>const</c>, or the op: add, sub, mul, div, pow, neg, exp, log, sqrt, tanh, sigmoid, relu, max.
/// </param>
/// <param name="Inputs">The ids of the op's operands, in order (empty for variables and constants).</param>
/// <param name="Value">The forward value.</param>
/// <param name="Grad">
/// ∂f/∂node from backward, or null for a node that depends on no variable (constants and constant
/// subexpressions are not differentiated).
/// </param>
/// <param name="Label">The variable name, the constant as written, or the op's source text, e.g. <c>x + y</c>.</param>
/// <param name="Kind">Variable, constant or operation.</param>
public sealed record GraphNode(
    int Id, string Op, IReadOnlyList<int> Inputs, double Value, double? Grad, string Label, GraphNodeKind Kind);

/// <summary>
/// The result of <see cref="Expression.Evaluate"/>: the value f, ∂f/∂v for each variable, and every node of
/// the computational graph in topological order (inputs before the ops that use them, the result last).
/// A variable used several times is one node with several consumers.
/// </summary>
public sealed class ExpressionGraph
{
    internal ExpressionGraph(IReadOnlyList<GraphNode> nodes, IReadOnlyDictionary<string, double> gradients)
    {
        Nodes = nodes;
        Gradients = gradients;
    }

    /// <summary>The value of the whole expression (the last node's value).</summary>
    public double Value => Output.Value;

    /// <summary>The node of the result.</summary>
    public GraphNode Output => Nodes[^1];

    /// <summary>Every node, ordered so that a node's inputs come before it.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>∂f/∂v for every variable v of the expression, in order of first use.</summary>
    public IReadOnlyDictionary<string, double> Gradients { get; }
}
