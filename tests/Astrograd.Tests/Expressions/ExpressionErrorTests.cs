using Astrograd.Expressions;

namespace Astrograd.Tests.Expressions;

public class ExpressionErrorTests
{
    private const string Operand = "expected a number, a variable, '(' or a function";

    [Theory]
    [InlineData("(x + )", 6, "unexpected ')' at column 6; " + Operand)]
    [InlineData("(x + y))", 8, "unexpected ')' at column 8; expected an operator or the end of the expression")]
    [InlineData("", 1, "unexpected end of expression at column 1; " + Operand)]
    [InlineData("   ", 4, "unexpected end of expression at column 4; " + Operand)]
    [InlineData("x +", 4, "unexpected end of expression at column 4; " + Operand)]
    [InlineData("* x", 1, "unexpected '*' at column 1; " + Operand)]
    [InlineData("x * * y", 5, "unexpected '*' at column 5; " + Operand)]
    [InlineData("(x + y", 7, "unexpected end of expression at column 7; expected an operator or ')'")]
    [InlineData("(x y)", 4, "unexpected name 'y' at column 4; expected an operator or ')'")]
    [InlineData("x y", 3, "unexpected name 'y' at column 3; expected an operator or the end of the expression")]
    [InlineData("2x", 2, "unexpected name 'x' at column 2; expected an operator or the end of the expression")]
    [InlineData("x 2", 3, "unexpected number '2' at column 3; expected an operator or the end of the expression")]
    [InlineData("1.2.3", 4, "unexpected number '.3' at column 4; expected an operator or the end of the expression")]
    [InlineData("max(a b)", 7, "unexpected name 'b' at column 7; expected an operator, ',' or ')'")]
    [InlineData("max(a,)", 7, "unexpected ')' at column 7; " + Operand)]
    [InlineData("exp(x", 6, "unexpected end of expression at column 6; expected an operator, ',' or ')'")]
    [InlineData("x , y", 3, "unexpected ',' at column 3; expected an operator or the end of the expression")]
    [InlineData("()", 2, "unexpected ')' at column 2; " + Operand)]
    public void Syntax_errors_name_the_column_and_what_was_expected(string text, int column, string message)
    {
        var error = Assert.Throws<ExpressionException>(() => Expression.Parse(text));

        Assert.Equal(message, error.Message);
        Assert.Equal(column, error.Column);
    }

    [Theory]
    [InlineData("x $ y", 3, "unexpected character '$' at column 3")]
    [InlineData("x ** y", 4, "unexpected '*' at column 4")]
    [InlineData("1e", 1, "malformed number '1e' at column 1; expected digits in the exponent")]
    [InlineData("2 * 3e+", 5, "malformed number '3e+' at column 5")]
    [InlineData("x + .", 5, "malformed number '.' at column 5")]
    [InlineData("1e999", 1, "number '1e999' at column 1 is too large")]
    [InlineData("foo(x)", 1, "unknown function 'foo' at column 1; expected one of exp, log, sqrt, tanh, sigmoid, relu")]
    [InlineData("x + exp", 5, "'exp' at column 5 is a function; expected '(' after it, as in exp(x)")]
    [InlineData("max(x)", 1, "function 'max' at column 1 takes 2 arguments, got 1")]
    [InlineData("2 * exp(x, y)", 5, "function 'exp' at column 5 takes 1 argument, got 2")]
    [InlineData("relu()", 1, "function 'relu' at column 1 takes 1 argument, got 0")]
    public void Lexical_and_call_errors_name_the_column(string text, int column, string messageStart)
    {
        var error = Assert.Throws<ExpressionException>(() => Expression.Parse(text));

        Assert.StartsWith(messageStart, error.Message, StringComparison.Ordinal);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_an_error_not_a_stack_overflow()
    {
        var text = new string('(', 100_000) + "x" + new string(')', 100_000);

        var error = Assert.Throws<ExpressionException>(() => Expression.Parse(text));

        Assert.Contains("levels deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_long_chain_is_rejected_before_evaluation_could_recurse_too_deeply()
    {
        var text = string.Join("+", Enumerable.Repeat("x", 5000));

        var error = Assert.Throws<ExpressionException>(() => Expression.Parse(text));

        Assert.Contains("levels deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unbound_variable_is_named()
    {
        var expression = Expression.Parse("x * w");
        var values = new Dictionary<string, double> { ["x"] = 1 };

        var error = Assert.Throws<ExpressionException>(() => expression.Evaluate(values));

        Assert.Equal("variable 'w' has no value", error.Message);
        Assert.Equal(5, error.Column);
    }
}
