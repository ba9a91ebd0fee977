using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Astrograd.Expressions;

namespace Astrograd.Cli.Rendering;

/// <summary>
/// The graph as a standalone SVG picture: a caption with the expression and its value, one rounded box per
/// node (op or name, source text, value, gradient), and arrowed edges from inputs to the ops that use them,
/// laid out by <see cref="LayeredLayout"/>. Built with System.Xml.Linq, so the text is always escaped.
/// </summary>
internal static class GraphSvg
{
    private static readonly XNamespace _svg = "http://www.w3.org/2000/svg";

    // Monospace text, so box widths can be computed from character counts.
    private const double FontSize = 12;
    private const double CharWidth = 7.3;
    private const double LineHeight = 16;
    private const double Padding = 9;
    private const double CaptionHeight = 34;
    private const int MaxCaption = 120;

    public static string Write(ExpressionGraph graph, string expression)
    {
        var nodes = graph.Nodes;
        var lines = nodes.Select(n => (IReadOnlyList<string>)[NodeText.Title(n), .. NodeText.Details(n)]).ToList();
        var sizes = lines.Select(l => ((l.Max(t => t.Length) * CharWidth) + (2 * Padding),
            (l.Count * LineHeight) + Padding)).ToList();
        var layout = LayeredLayout.Compute(
            nodes.Select(n => n.Inputs).ToList(), sizes, nodes.Select(n => n.Kind == GraphNodeKind.Variable).ToList(),
            CaptionHeight);

        var shown = expression.Length <= MaxCaption ? expression : expression[..(MaxCaption - 1)] + "…";
        var caption = $"f = {shown} = {NumberText.Format(graph.Value)}";
        var width = Math.Max(layout.Width, (caption.Length * CharWidth) + 40);
        var svg = new XElement(_svg + "svg",
            new XAttribute("width", F(width)),
            new XAttribute("height", F(layout.Height)),
            new XAttribute("viewBox", $"0 0 {F(width)} {F(layout.Height)}"),
            new XAttribute("font-family", "DejaVu Sans Mono, Menlo, Consolas, monospace"),
            new XAttribute("font-size", F(FontSize)),
            new XElement(_svg + "title", $"Computational graph of {expression}"),
            Defs(),
            new XElement(_svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"),
                new XAttribute("fill", "#ffffff")),
            new XElement(_svg + "text", new XAttribute("x", "20"), new XAttribute("y", "26"),
                new XAttribute("font-weight", "bold"), new XAttribute("fill", SvgPalette.Text), caption),
            new XElement(_svg + "g", new XAttribute("class", "edges"), layout.Edges.Select(EdgePath)),
            new XElement(_svg + "g", new XAttribute("class", "nodes"),
                nodes.Select(n => NodeGroup(n, lines[n.Id], layout.Boxes[n.Id], n.Id == graph.Output.Id))));

        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            new XDocument(svg).Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static XElement Defs() =>
        new(_svg + "defs",
            new XElement(_svg + "marker",
                new XAttribute("id", "arrow"), new XAttribute("viewBox", "0 0 10 10"),
                new XAttribute("refX", "10"), new XAttribute("refY", "5"),
                new XAttribute("markerWidth", "7"), new XAttribute("markerHeight", "7"),
                new XAttribute("orient", "auto"),
                new XElement(_svg + "path", new XAttribute("d", "M 0 0 L 10 5 L 0 10 z"),
                    new XAttribute("fill", SvgPalette.Edge))));

    // Straight through waypoint columns, smooth S-curves with horizontal tangents between columns.
    private static XElement EdgePath(EdgeRoute edge)
    {
        var p = edge.Points;
        var d = new StringBuilder($"M {F(p[0].X)} {F(p[0].Y)}");
        for (var i = 1; i < p.Count; i++)
        {
            var (x0, y0) = p[i - 1];
            var (x1, y1) = p[i];
            if (y0 == y1)
            {
                d.Append($" L {F(x1)} {F(y1)}");
                continue;
            }

            var mid = (x0 + x1) / 2;
            d.Append($" C {F(mid)} {F(y0)} {F(mid)} {F(y1)} {F(x1)} {F(y1)}");
        }

        return new XElement(_svg + "path",
            new XAttribute("d", d.ToString()), new XAttribute("fill", "none"),
            new XAttribute("stroke", SvgPalette.Edge), new XAttribute("stroke-width", "1.3"),
            new XAttribute("marker-end", "url(#arrow)"),
            new XAttribute("data-from", edge.From), new XAttribute("data-to", edge.To));
    }

    private static XElement NodeGroup(GraphNode node, IReadOnlyList<string> lines, Box box, bool isOutput)
    {
        var (fill, stroke) = SvgPalette.Colors(node.Kind);
        var group = new XElement(_svg + "g", new XAttribute("id", $"n{node.Id}"),
            new XAttribute("class", $"node {node.Kind.ToString().ToLowerInvariant()}"),
            new XElement(_svg + "rect",
                new XAttribute("x", F(box.X)), new XAttribute("y", F(box.Y)),
                new XAttribute("width", F(box.Width)), new XAttribute("height", F(box.Height)),
                new XAttribute("rx", "8"), new XAttribute("ry", "8"),
                new XAttribute("fill", fill), new XAttribute("stroke", stroke),
                new XAttribute("stroke-width", isOutput ? "2.5" : "1.2")));

        for (var i = 0; i < lines.Count; i++)
        {
            var colour = i == 0 ? SvgPalette.Text : lines[i].StartsWith("grad", StringComparison.Ordinal)
                ? SvgPalette.Gradient
                : SvgPalette.Muted;
            var text = new XElement(_svg + "text",
                new XAttribute("x", F(box.X + Padding)),
                new XAttribute("y", F(box.Y + (Padding / 2) + ((i + 1) * LineHeight) - 4)),
                new XAttribute("fill", colour),
                lines[i]);
            if (i == 0)
            {
                text.Add(new XAttribute("font-weight", "bold"));
            }

            // Keep runs of spaces ("grad  -4") as typed.
            text.Add(new XAttribute(XNamespace.Xml + "space", "preserve"));
            group.Add(text);
        }

        return group;
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
