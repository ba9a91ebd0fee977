using System.Globalization;

namespace Astrograd.Expressions;

/// <summary>
/// Splits an expression into tokens: numbers (<c>12</c>, <c>.5</c>, <c>5.</c>, <c>1e-3</c>), names
/// (a letter or '_' then letters, digits or '_'), the operators + - * / ^, parentheses and commas.
/// Spaces and tabs separate tokens and are otherwise ignored.
/// </summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                i++;
            }
            else if (char.IsAsciiDigit(c) || c == '.')
            {
                tokens.Add(ReadNumber(text, ref i));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], start));
            }
            else
            {
                tokens.Add(new Token(SymbolKind(c, i), c.ToString(), i));
                i++;
            }
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static TokenKind SymbolKind(char c, int position) => c switch
    {
        '+' => TokenKind.Plus,
        '-' => TokenKind.Minus,
        '*' => TokenKind.Star,
        '/' => TokenKind.Slash,
        '^' => TokenKind.Caret,
        '(' => TokenKind.LeftParen,
        ')' => TokenKind.RightParen,
        ',' => TokenKind.Comma,
        _ => throw new ExpressionException(
            $"unexpected character '{c}' at column {position + 1}; expected a number, a variable, a function, " +
            "an operator (+ - * / ^), a parenthesis or a comma",
            position + 1),
    };

    // digits [. digits] | . digits, then an optional exponent e[+-]digits.
    private static Token ReadNumber(string text, ref int i)
    {
        var start = i;
        var intDigits = SkipDigits(text, ref i);
        var fracDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fracDigits = SkipDigits(text, ref i);
        }

        if (intDigits + fracDigits == 0)
        {
            throw new ExpressionException(
                $"malformed number '.' at column {start + 1}; expected digits before or after the decimal point",
                start + 1);
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (SkipDigits(text, ref i) == 0)
            {
                throw new ExpressionException(
                    $"malformed number '{text[start..i]}' at column {start + 1}; expected digits in the exponent " +
                    "(as in 1e-3)",
                    start + 1);
            }
        }

        var literal = text[start..i];
        var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw new ExpressionException(
                $"number '{literal}' at column {start + 1} is too large for a double (at most about 1.8e308)",
                start + 1);
        }

        return new Token(TokenKind.Number, literal, start, value);
    }

    private static int SkipDigits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }
}
