using Astrograd.Expressions;

namespace Astrograd.Cli.Rendering;

/// <summary>The text lines that describe one graph node in pictures (Graphviz and SVG).</summary>
internal static class NodeText
{
    /// <summary>Longer source texts are cut, so one node cannot make the picture arbitrarily wide.</summary>
    public const int MaxLabel = 36;

    /// <summary>The heading: the variable's name, the constant, or the op.</summary>
    public static string Title(GraphNode node) => node.Kind == GraphNodeKind.Operation ? node.Op : node.Label;

    /// <summary>The lines below the heading: the op's source text (for ops), the value, and the gradient.</summary>
    public static IReadOnlyList<string> Details(GraphNode node)
    {
        var lines = new List<string>();
        if (node.Kind == GraphNodeKind.Operation)
        {
            lines.Add(Shorten(node.Label));
        }

        lines.Add($"value {NumberText.Format(node.Value)}");
        lines.Add(node.Grad is { } g ? $"grad  {NumberText.Format(g)}" : "grad  —");
        return lines;
    }

    public static string Shorten(string text) => text.Length <= MaxLabel ? text : text[..(MaxLabel - 1)] + "…";
}
