using Astrograd.Expressions;

namespace Astrograd.Cli.Rendering;

/// <summary>Fill and stroke colours by node kind, shared by the SVG and Graphviz pictures.</summary>
internal static class SvgPalette
{
    public const string Edge = "#555555";
    public const string Text = "#111827";
    public const string Muted = "#4b5563";
    public const string Gradient = "#b91c1c";

    public static (string Fill, string Stroke) Colors(GraphNodeKind kind) => kind switch
    {
        GraphNodeKind.Variable => ("#dbeafe", "#2563eb"),
        GraphNodeKind.Constant => ("#f3f4f6", "#9ca3af"),
        _ => ("#fef9c3", "#ca8a04"),
    };
}
