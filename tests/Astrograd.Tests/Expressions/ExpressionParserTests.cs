using Astrograd.Expressions;

namespace Astrograd.Tests.Expressions;

public class ExpressionParserTests
{
    [Theory]
    [InlineData("a + b * c", "(a + (b * c))")]
    [InlineData("a * b + c", "((a * b) + c)")]
    [InlineData("a - b - c", "((a - b) - c)")]
    [InlineData("a / b / c", "((a / b) / c)")]
    [InlineData("a - b + c", "((a - b) + c)")]
    [InlineData("a / b * c", "((a / b) * c)")]
    [InlineData("a ^ b ^ c", "(a ^ (b ^ c))")]
    [InlineData("a * b ^ c", "(a * (b ^ c))")]
    [InlineData("(a + b) * c", "((a + b) * c)")]
    [InlineData("((a))", "a")]
    public void Binary_operators_group_by_precedence_and_associativity(string text, string expected)
    {
        var expression = Expression.Parse(text);

        Assert.Equal(expected, expression.ToString());
    }

    [Theory]
    [InlineData("-x^2", "(-(x ^ 2))")]
    [InlineData("-x * y", "((-x) * y)")]
    [InlineData("- -x", "(-(-x))")]
    [InlineData("2^-1", "(2 ^ (-1))")]
    [InlineData("2^-x^2", "(2 ^ (-(x ^ 2)))")]
    [InlineData("a - -b", "(a - (-b))")]
    [InlineData("-(a + b)", "(-(a + b))")]
    public void Unary_minus_binds_looser_than_power_and_tighter_than_products(string text, string expected)
    {
        var expression = Expression.Parse(text);

        Assert.Equal(expected, expression.ToString());
    }

    [Theory]
    [InlineData("12", 12.0)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("3.25", 3.25)]
    [InlineData("1e-3", 0.001)]
    [InlineData("1E+3", 1000.0)]
    [InlineData("2.5e2", 250.0)]
    [InlineData(".5e1", 5.0)]
    public void Numbers_parse_in_every_spelling(string text, double expected)
    {
        var expression = Expression.Parse(text);

        var number = Assert.IsType<NumberNode>(expression.Root);
        Assert.Equal(expected, number.Value);
        Assert.Equal(text, number.Text);
    }

    [Theory]
    [InlineData("exp(x)", "exp(x)")]
    [InlineData("log(x + 1)", "log((x + 1))")]
    [InlineData("sqrt(x)^2", "(sqrt(x) ^ 2)")]
    [InlineData("tanh(sigmoid(relu(x)))", "tanh(sigmoid(relu(x)))")]
    [InlineData("max(a, b * 2)", "max(a, (b * 2))")]
    [InlineData("-max(a,b)", "(-max(a, b))")]
    public void Functions_take_expressions_as_arguments(string text, string expected)
    {
        var expression = Expression.Parse(text);

        Assert.Equal(expected, expression.ToString());
    }

    [Fact]
    public void Variables_are_listed_once_in_order_of_first_use()
    {
        var expression = Expression.Parse("(x + sigmoid(y)) / (sigmoid(x) + (x + y)^2)");

        Assert.Equal(["x", "y"], expression.Variables);
    }

    [Fact]
    public void Names_may_hold_digits_and_underscores()
    {
        var expression = Expression.Parse("w_0 * x1 + _b");

        Assert.Equal(["w_0", "x1", "_b"], expression.Variables);
    }

    [Fact]
    public void Source_text_of_a_node_excludes_its_parentheses()
    {
        var expression = Expression.Parse("(x + y) * z");

        var product = Assert.IsType<BinaryNode>(expression.Root);
        Assert.Equal("x + y", expression.SourceOf(product.Left));
        Assert.Equal("(x + y) * z", expression.SourceOf(product));
        Assert.Equal(2, product.Left.Column);
    }

    [Fact]
    public void A_long_chain_of_sums_parses_without_recursion_trouble()
    {
        var text = string.Join(" + ", Enumerable.Repeat("x", 900));

        var expression = Expression.Parse(text);

        Assert.Equal(["x"], expression.Variables);
    }
}
