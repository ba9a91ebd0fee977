namespace Astrograd.Expressions;

/// <summary>
/// Builds an expression's computational graph from the engine's own scalar float64 tensors and ops, runs
/// backward from the result, and reads every node's value and gradient back.
/// </summary>
internal sealed class GraphBuilder
{
    private readonly Expression _expression;
    private readonly IReadOnlyDictionary<string, double> _values;
    private readonly List<Tensor<double>> _tensors = [];
    private readonly List<(string Op, int[] Inputs, string Label, GraphNodeKind Kind)> _nodes = [];
    private readonly Dictionary<string, int> _variableIds = [];

    private GraphBuilder(Expression expression, IReadOnlyDictionary<string, double> values)
    {
        _expression = expression;
        _values = values;
    }

    public static ExpressionGraph Build(Expression expression, IReadOnlyDictionary<string, double> values)
    {
        if (!Autograd.IsRecording)
        {
            throw new InvalidOperationException(
                "Evaluate: called inside Autograd.NoGrad(), so no graph can be recorded; call it outside the scope.");
        }

        var builder = new GraphBuilder(expression, values);
        var rootId = builder.Visit(expression.Root);
        var root = builder._tensors[rootId];

        // A constant expression records no graph: its value stands, and nothing has a gradient.
        if (root.RequiresGrad)
        {
            root.Backward();
        }

        return builder.Collect();
    }

    private int Visit(ExpressionNode node) => node switch
    {
        NumberNode n => AddNode(Tensor.Scalar(n.Value), "const", [], n.Text, GraphNodeKind.Constant),
        VariableNode v => VariableId(v),
        NegateNode n => Operation(n, "neg", Visit(n.Operand)),
        BinaryNode b => Operation(b, BinaryOpName(b.Operator), Visit(b.Left), Visit(b.Right)),
        CallNode c => Operation(c, c.Function, [.. c.Arguments.Select(Visit)]),
        _ => throw new NotSupportedException($"Evaluate: the syntax node {node.GetType().Name} has no graph mapping."),
    };

    private static string BinaryOpName(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "add",
        BinaryOperator.Subtract => "sub",
        BinaryOperator.Multiply => "mul",
        BinaryOperator.Divide => "div",
        _ => "pow",
    };

    // Each variable is one leaf tensor, whatever the number of uses, so that backward accumulates its uses.
    private int VariableId(VariableNode v)
    {
        if (_variableIds.TryGetValue(v.Name, out var id))
        {
            return id;
        }

        if (!_values.TryGetValue(v.Name, out var value))
        {
            throw new ExpressionException($"variable '{v.Name}' has no value", v.Column);
        }

        var leaf = Tensor.Scalar(value);
        leaf.RequiresGrad = true;
        leaf.Name = v.Name;
        id = AddNode(leaf, "var", [], v.Name, GraphNodeKind.Variable);
        _variableIds.Add(v.Name, id);
        return id;
    }

    private int Operation(ExpressionNode node, string op, params int[] inputs)
    {
        var args = Array.ConvertAll(inputs, i => _tensors[i]);
        var result = Apply(op, args);

        // Interior gradients are dropped after backward unless retained; the graph view needs them all.
        if (!result.IsLeaf)
        {
            result.RetainGrad();
        }

        return AddNode(result, op, inputs, _expression.SourceOf(node).Trim(), GraphNodeKind.Operation);
    }

    /// <summary>The one place where an expression op meets the engine's op.</summary>
    /// <remarks>
    /// max(a, b) is the engine's Maximum: at a tie the gradient goes to b. The power always uses the tensor
    /// exponent, so that x^y differentiates in both operands (∂/∂y = xʸ·ln x, NaN for a negative base).
    /// </remarks>
    private static Tensor<double> Apply(string op, Tensor<double>[] a) => op switch
    {
        "add" => a[0].Add(a[1]),
        "sub" => a[0].Sub(a[1]),
        "mul" => a[0].Mul(a[1]),
        "div" => a[0].Div(a[1]),
        "pow" => a[0].Pow(a[1]),
        "neg" => a[0].Neg(),
        "exp" => a[0].Exp(),
        "log" => a[0].Log(),
        "sqrt" => a[0].Sqrt(),
        "tanh" => a[0].Tanh(),
        "sigmoid" => a[0].Sigmoid(),
        "relu" => a[0].Relu(),
        "max" => a[0].Maximum(a[1]),
        _ => throw new NotSupportedException($"Evaluate: no engine op for '{op}'."),
    };

    private int AddNode(Tensor<double> tensor, string op, int[] inputs, string label, GraphNodeKind kind)
    {
        _tensors.Add(tensor);
        _nodes.Add((op, inputs, label, kind));
        return _tensors.Count - 1;
    }

    private ExpressionGraph Collect()
    {
        var nodes = new GraphNode[_nodes.Count];
        for (var id = 0; id < nodes.Length; id++)
        {
            var t = _tensors[id];
            var (op, inputs, label, kind) = _nodes[id];

            // A node on the graph that backward never reached (e.g. the smaller side of max) has gradient 0.
            double? grad = t.RequiresGrad ? t.Grad?.Item() ?? 0.0 : null;
            nodes[id] = new GraphNode(id, op, inputs, t.Item(), grad, label, kind);
        }

        var gradients = new OrderedDictionary<string, double>();
        foreach (var name in _expression.Variables)
        {
            gradients.Add(name, nodes[_variableIds[name]].Grad ?? 0.0);
        }

        return new ExpressionGraph(nodes, gradients);
    }
}
