namespace Astrograd.Expressions;

/// <summary>
/// A precedence-climbing (Pratt) parser for scalar expressions. Grammar, loosest first:
/// <c>+ -</c> (left-associative), <c>* /</c> (left-associative), unary <c>-</c>, <c>^</c> (right-associative,
/// binding tighter than unary minus so that -x^2 = -(x^2), while 2^-1 = 2^(-1)), then primaries: numbers,
/// variables, function calls <c>f(a, ...)</c> and parenthesised expressions.
/// </summary>
internal sealed class ExpressionParser
{
    /// <summary>The deepest nesting accepted; deeper input is rejected rather than risking a stack overflow.</summary>
    public const int MaxDepth = 1000;

    private const int AdditivePrecedence = 1;
    private const int MultiplicativePrecedence = 2;
    private const int UnaryPrecedence = 3;
    private const int PowerPrecedence = 4;
    private const string OperandExpected = "a number, a variable, '(' or a function";

    private readonly List<Token> _tokens;
    private int _position;
    private int _recursion;

    private ExpressionParser(List<Token> tokens) => _tokens = tokens;

    private Token Current => _tokens[_position];

    /// <summary>Parses <paramref name="text"/> into a syntax tree; throws <see cref="ExpressionException"/>.</summary>
    public static ExpressionNode Parse(string text)
    {
        var parser = new ExpressionParser(Tokenizer.Tokenize(text));
        var result = parser.ParseExpression(0);
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Unexpected("an operator or the end of the expression");
        }

        return result.Node;
    }

    private Parsed ParseExpression(int minPrecedence)
    {
        // Parentheses, unary minus and ^ recurse; bound the depth before the stack is at risk.
        if (++_recursion > MaxDepth)
        {
            throw TooDeep(Current.Column);
        }

        var left = ParsePrefix();
        while (Infix(Current.Kind) is var (op, precedence, rightAssociative) && precedence >= minPrecedence)
        {
            _position++;

            // Right-associative operators take an equal-precedence operator on their right: 2^3^2 = 2^(3^2).
            var right = ParseExpression(rightAssociative ? precedence : precedence + 1);
            var node = new BinaryNode(op, left.Node, right.Node, left.Start, right.End - left.Start);
            left = Checked(new Parsed(node, left.Start, right.End, Math.Max(left.Height, right.Height) + 1));
        }

        _recursion--;
        return left;
    }

    private Parsed ParsePrefix()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Minus:
                _position++;
                var operand = ParseExpression(UnaryPrecedence);
                var negate = new NegateNode(operand.Node, token.Start, operand.End - token.Start);
                return Checked(new Parsed(negate, token.Start, operand.End, operand.Height + 1));

            case TokenKind.Number:
                _position++;
                var number = new NumberNode(token.Number, token.Text, token.Start, token.Text.Length);
                return new Parsed(number, token.Start, token.Start + token.Text.Length, 1);

            case TokenKind.Identifier:
                return ParseName();

            case TokenKind.LeftParen:
                _position++;
                var inner = ParseExpression(0);
                var close = Expect(TokenKind.RightParen, "an operator or ')'");

                // The parentheses belong to the outer span only, so labels of the inner node read "x + y".
                return inner with { Start = token.Start, End = close.Start + 1 };

            default:
                throw Unexpected(OperandExpected);
        }
    }

    private Parsed ParseName()
    {
        var name = Current;
        _position++;
        var arity = ExpressionFunctions.Arity(name.Text);
        if (Current.Kind != TokenKind.LeftParen)
        {
            if (arity is not null)
            {
                throw new ExpressionException(
                    $"'{name.Text}' at column {name.Column} is a function; expected '(' after it, as in " +
                    $"{name.Text}({string.Join(", ", Enumerable.Repeat("x", arity.Value))})",
                    name.Column);
            }

            return new Parsed(new VariableNode(name.Text, name.Start, name.Text.Length), name.Start,
                name.Start + name.Text.Length, 1);
        }

        if (arity is null)
        {
            throw new ExpressionException(
                $"unknown function '{name.Text}' at column {name.Column}; expected one of " +
                $"{string.Join(", ", ExpressionFunctions.Names)}",
                name.Column);
        }

        _position++;
        var arguments = new List<ExpressionNode>();
        var height = 0;
        if (Current.Kind != TokenKind.RightParen)
        {
            do
            {
                if (arguments.Count > 0)
                {
                    _position++;
                }

                var argument = ParseExpression(0);
                arguments.Add(argument.Node);
                height = Math.Max(height, argument.Height);
            }
            while (Current.Kind == TokenKind.Comma);
        }

        var close = Expect(TokenKind.RightParen, "an operator, ',' or ')'");
        if (arguments.Count != arity)
        {
            var takes = arity == 1 ? "1 argument" : $"{arity} arguments";
            throw new ExpressionException(
                $"function '{name.Text}' at column {name.Column} takes {takes}, got {arguments.Count}", name.Column);
        }

        var call = new CallNode(name.Text, arguments, name.Start, close.Start + 1 - name.Start);
        return Checked(new Parsed(call, name.Start, close.Start + 1, height + 1));
    }

    private static (BinaryOperator Op, int Precedence, bool RightAssociative)? Infix(TokenKind kind) => kind switch
    {
        TokenKind.Plus => (BinaryOperator.Add, AdditivePrecedence, false),
        TokenKind.Minus => (BinaryOperator.Subtract, AdditivePrecedence, false),
        TokenKind.Star => (BinaryOperator.Multiply, MultiplicativePrecedence, false),
        TokenKind.Slash => (BinaryOperator.Divide, MultiplicativePrecedence, false),
        TokenKind.Caret => (BinaryOperator.Power, PowerPrecedence, true),
        _ => null,
    };

    private Token Expect(TokenKind kind, string expected)
    {
        if (Current.Kind != kind)
        {
            throw Unexpected(expected);
        }

        return _tokens[_position++];
    }

    private ExpressionException Unexpected(string expected) =>
        new($"unexpected {Current.Describe()} at column {Current.Column}; expected {expected}", Current.Column);

    // The tree's height bounds the recursion of everything that walks it later (evaluation, printing).
    private static Parsed Checked(Parsed parsed) =>
        parsed.Height > MaxDepth ? throw TooDeep(parsed.Node.Column) : parsed;

    private static ExpressionException TooDeep(int column) =>
        new($"the expression is more than {MaxDepth} levels deep at column {column} (each operator of a chain such " +
            "as a+b+c adds a level); split it into smaller expressions", column);

    // A parsed node with its outer span (including any parentheses around it) and the height of its tree.
    private readonly record struct Parsed(ExpressionNode Node, int Start, int End, int Height);
}
