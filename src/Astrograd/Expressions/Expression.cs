namespace Astrograd.Expressions;

/// <summary>
/// A parsed scalar expression such as <c>(x + y) * z</c> or <c>(x + sigmoid(y)) / (sigmoid(x) + (x + y)^2)</c>:
/// its text, its syntax tree and the variables it uses. <see cref="Evaluate"/> builds the computational
/// graph with the engine's own ops and runs backward through it.
/// </summary>
public sealed class Expression
{
    private Expression(string text, ExpressionNode root)
    {
        Text = text;
        Root = root;
        Variables = CollectVariables(root);
    }

    /// <summary>The text the expression was parsed from.</summary>
    public string Text { get; }

    /// <summary>The root of the syntax tree.</summary>
    public ExpressionNode Root { get; }

    /// <summary>The distinct variable names, in the order of their first occurrence in the text.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>
    /// Parses <paramref name="text"/>. Numbers (<c>2</c>, <c>.5</c>, <c>5.</c>, <c>1e-3</c>), variables,
    /// + - * / ^, unary minus, parentheses and the functions of <see cref="ExpressionFunctions"/>.
    /// </summary>
    /// <exception cref="ExpressionException">
    /// A syntax error, with the 1-based column and what was expected there, e.g.
    /// <c>unexpected ')' at column 6; expected a number, a variable, '(' or a function</c>.
    /// </exception>
    public static Expression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Expression(text, ExpressionParser.Parse(text));
    }

    /// <summary>The source text of <paramref name="node"/> (without parentheses around it).</summary>
    public string SourceOf(ExpressionNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Text.Substring(node.Start, node.Length);
    }

    /// <summary>
    /// Evaluates the expression at <paramref name="values"/> by building its graph from float64 scalar tensors
    /// (variables require grad, interior nodes retain theirs) and running backward from the result.
    /// </summary>
    /// <param name="values">A value for every name in <see cref="Variables"/>; extra names are ignored.</param>
    /// <returns>The value, ∂f/∂v for every variable v, and every node of the graph.</returns>
    /// <exception cref="ExpressionException">A variable has no value.</exception>
    public ExpressionGraph Evaluate(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return GraphBuilder.Build(this, values);
    }

    /// <summary>The fully parenthesised form, e.g. <c>((x + y) * z)</c>.</summary>
    public override string ToString() => Root.ToString();

    private static List<string> CollectVariables(ExpressionNode root)
    {
        var names = new List<string>();
        var stack = new Stack<ExpressionNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case VariableNode v when !names.Contains(v.Name):
                    names.Add(v.Name);
                    break;
                case NegateNode n:
                    stack.Push(n.Operand);
                    break;
                case BinaryNode b:
                    stack.Push(b.Right);
                    stack.Push(b.Left);
                    break;
                case CallNode c:
                    for (var i = c.Arguments.Count - 1; i >= 0; i--)
                    {
                        stack.Push(c.Arguments[i]);
                    }

                    break;
            }
        }

        return names;
    }
}
