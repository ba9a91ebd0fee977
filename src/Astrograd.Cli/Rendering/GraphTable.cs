using Astrograd.Expressions;
using Spectre.Console;

namespace Astrograd.Cli.Rendering;

/// <summary>The graph as a table (one row per node), then the value and ∂f/∂v of every variable.</summary>
internal static class GraphTable
{
    public static void Render(IAnsiConsole console, ExpressionGraph graph)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("node").RightAligned());
        table.AddColumn("op");
        table.AddColumn("inputs");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddColumn(new TableColumn("gradient").RightAligned());
        table.AddColumn("label");
        foreach (var node in graph.Nodes)
        {
            // Text renderables, not markup: labels are user text and may contain '['.
            table.AddRow(
                new Text(node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(node.Op),
                new Text(string.Join(", ", node.Inputs)),
                new Text(NumberText.Format(node.Value)),
                new Text(NumberText.Format(node.Grad)),
                new Text(node.Label));
        }

        console.Write(table);
        console.WriteLine($"value     f = {NumberText.Format(graph.Value)}");
        if (graph.Gradients.Count > 0)
        {
            var parts = graph.Gradients.Select(g => $"∂f/∂{g.Key} = {NumberText.Format(g.Value)}");
            console.WriteLine($"gradient  {string.Join(", ", parts)}");
        }
    }
}
