using System.Globalization;

namespace Astrograd.Expressions;

/// <summary>The binary operators, by increasing precedence: + and −, then × and ÷, then ^.</summary>
public enum BinaryOperator
{
    /// <summary><c>a + b</c>.</summary>
    Add,

    /// <summary><c>a - b</c>.</summary>
    Subtract,

    /// <summary><c>a * b</c>.</summary>
    Multiply,

    /// <summary><c>a / b</c>.</summary>
    Divide,

    /// <summary><c>a ^ b</c> = a to the power b (right-associative: 2^3^2 = 2^9).</summary>
    Power,
}

/// <summary>
/// A node of the syntax tree of a scalar expression. <see cref="Start"/> and <see cref="Length"/> locate the
/// node's text in the source (0-based offset); <see cref="ToString"/> gives a fully parenthesised form that
/// shows how the text was grouped, e.g. <c>(x + (y * z))</c>.
/// </summary>
/// <param name="Start">0-based offset of the node's first character in the expression text.</param>
/// <param name="Length">The number of characters the node spans.</param>
public abstract record ExpressionNode(int Start, int Length)
{
    /// <summary>The 1-based column where the node starts.</summary>
    public int Column => Start + 1;
}

/// <summary>A numeric literal such as <c>2</c>, <c>.5</c> or <c>1e-3</c>.</summary>
/// <param name="Value">The literal's value.</param>
/// <param name="Text">The literal as written.</param>
/// <param name="Start">0-based offset in the expression text.</param>
/// <param name="Length">The number of characters.</param>
public sealed record NumberNode(double Value, string Text, int Start, int Length) : ExpressionNode(Start, Length)
{
    /// <summary>The value in shortest round-trip invariant form.</summary>
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A named variable, bound to a value when the expression is evaluated.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="Start">0-based offset in the expression text.</param>
/// <param name="Length">The number of characters.</param>
public sealed record VariableNode(string Name, int Start, int Length) : ExpressionNode(Start, Length)
{
    /// <summary>The name.</summary>
    public override string ToString() => Name;
}

/// <summary>Unary minus: <c>-operand</c>. It binds tighter than * and / but looser than ^, so -x^2 = -(x^2).</summary>
/// <param name="Operand">The negated expression.</param>
/// <param name="Start">0-based offset of the minus sign.</param>
/// <param name="Length">The number of characters up to the end of the operand.</param>
public sealed record NegateNode(ExpressionNode Operand, int Start, int Length) : ExpressionNode(Start, Length)
{
    /// <summary>The parenthesised form <c>(-operand)</c>.</summary>
    public override string ToString() => $"(-{Operand})";
}

/// <summary>A binary operation <c>left op right</c>.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
/// <param name="Start">0-based offset of the left operand.</param>
/// <param name="Length">The number of characters up to the end of the right operand.</param>
public sealed record BinaryNode(
    BinaryOperator Operator, ExpressionNode Left, ExpressionNode Right, int Start, int Length)
    : ExpressionNode(Start, Length)
{
    /// <summary>The operator's symbol: + - * / ^.</summary>
    public string Symbol => Operator switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        _ => "^",
    };

    /// <summary>The parenthesised form <c>(left op right)</c>.</summary>
    public override string ToString() => $"({Left} {Symbol} {Right})";
}

/// <summary>A call of a built-in function: exp, log, sqrt, tanh, sigmoid, relu (one argument) or max (two).</summary>
/// <param name="Function">The function's name, as written (lower case).</param>
/// <param name="Arguments">The arguments, in order.</param>
/// <param name="Start">0-based offset of the function name.</param>
/// <param name="Length">The number of characters up to the closing parenthesis.</param>
public sealed record CallNode(string Function, IReadOnlyList<ExpressionNode> Arguments, int Start, int Length)
    : ExpressionNode(Start, Length)
{
    /// <summary>The form <c>name(arg, ...)</c>.</summary>
    public override string ToString() => $"{Function}({string.Join(", ", Arguments)})";
}
