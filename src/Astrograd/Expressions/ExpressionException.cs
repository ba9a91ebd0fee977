namespace Astrograd.Expressions;

/// <summary>
/// A scalar expression could not be read or evaluated: a syntax error (with the 1-based
/// <see cref="Column"/> where it was found and what was expected there), an unknown function, a wrong
/// number of arguments, or a variable without a value.
/// </summary>
public sealed class ExpressionException : Exception
{
    /// <summary>An error that is not tied to one place in the text.</summary>
    public ExpressionException(string message)
        : base(message)
    {
    }

    /// <summary>An error found at <paramref name="column"/> (1-based) of the expression text.</summary>
    public ExpressionException(string message, int column)
        : base(message)
    {
        Column = column;
    }

    /// <summary>An error wrapping <paramref name="innerException"/>.</summary>
    public ExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an error without a message; prefer the constructors that say what went wrong.</summary>
    public ExpressionException()
        : base("the expression is not valid")
    {
    }

    /// <summary>The 1-based column of the text where the error was found, or null when it has no place.</summary>
    public int? Column { get; }
}
