using System.Text;
using Astrograd.Expressions;

namespace Astrograd.Cli.Rendering;

/// <summary>
/// The graph in Graphviz's DOT language, left to right: one rounded box per node (op or name, value, gradient)
/// and one edge from each input to the op that uses it. Render with <c>dot -Tpng graph.dot -o graph.png</c>.
/// </summary>
internal static class GraphDot
{
    public static string Write(ExpressionGraph graph, string expression)
    {
        var sb = new StringBuilder();
        sb.Append("// ").Append(expression.Replace('\n', ' ')).Append('\n');
        sb.Append("digraph expression {\n");
        sb.Append("  rankdir=LR;\n");
        sb.Append("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n");
        sb.Append("  edge [color=\"#555555\"];\n");
        foreach (var node in graph.Nodes)
        {
            var lines = new List<string> { NodeText.Title(node) };
            lines.AddRange(NodeText.Details(node));
            var label = string.Join("\\n", lines.Select(Escape));
            var (fill, stroke) = SvgPalette.Colors(node.Kind);
            var width = node.Id == graph.Output.Id ? ", penwidth=2.5" : "";
            sb.Append($"  n{node.Id} [label=\"{label}\", fillcolor=\"{fill}\", color=\"{stroke}\"{width}];\n");
        }

        foreach (var node in graph.Nodes)
        {
            foreach (var input in node.Inputs)
            {
                sb.Append($"  n{input} -> n{node.Id};\n");
            }
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    // Inside a DOT double-quoted string only the quote and the backslash are special.
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal);
}
