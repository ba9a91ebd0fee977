namespace Astrograd.Expressions;

/// <summary>The kinds of token in a scalar expression.</summary>
internal enum TokenKind
{
    Number,
    Identifier,
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LeftParen,
    RightParen,
    Comma,
    End,
}

/// <summary>One token: its kind, its text, and where it starts (0-based offset into the expression).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Start, double Number = 0)
{
    /// <summary>The 1-based column of the first character, as shown in error messages.</summary>
    public int Column => Start + 1;

    /// <summary>How the token is named in an error message: <c>')'</c>, <c>number '12'</c>, <c>'foo'</c>.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.Number => $"number '{Text}'",
        TokenKind.Identifier => $"name '{Text}'",
        _ => $"'{Text}'",
    };
}
