namespace Astrograd.Expressions;

/// <summary>The built-in functions an expression may call, with the number of arguments each takes.</summary>
public static class ExpressionFunctions
{
    private static readonly (string Name, int Arity, string Usage)[] _table =
    [
        ("exp", 1, "exp(x) = eˣ"),
        ("log", 1, "log(x) = ln x, natural logarithm"),
        ("sqrt", 1, "sqrt(x) = √x"),
        ("tanh", 1, "tanh(x)"),
        ("sigmoid", 1, "sigmoid(x) = 1 / (1 + e⁻ˣ)"),
        ("relu", 1, "relu(x) = max(x, 0)"),
        ("max", 2, "max(a, b), the larger of two values; at a tie the gradient goes to b"),
    ];

    /// <summary>The function names, in documentation order: exp, log, sqrt, tanh, sigmoid, relu, max.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(_table, f => f.Name);

    /// <summary>The number of arguments <paramref name="name"/> takes; null when it is no built-in function.</summary>
    public static int? Arity(string name)
    {
        foreach (var f in _table)
        {
            if (f.Name == name)
            {
                return f.Arity;
            }
        }

        return null;
    }

    /// <summary>A one-line description of each function, for help texts.</summary>
    public static IReadOnlyList<string> Descriptions { get; } = Array.ConvertAll(_table, f => f.Usage);
}
