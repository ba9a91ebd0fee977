using System.CommandLine;
using Astrograd.Cli.Rendering;
using Astrograd.Data;
using Astrograd.Expressions;
using Spectre.Console;

namespace Astrograd.Cli.Commands;

/// <summary>
/// <c>astrograd graph "(x + y) * z" --at x=-2,y=5,z=-4</c>: builds the expression's computational graph with
/// the engine, runs backward, and shows every node's value and gradient as a table, JSON, Graphviz or SVG.
/// </summary>
internal sealed class GraphCommand : ICliCommand
{
    public const string Name = "graph";

    public Command Create(CliOutput output)
    {
        var expression = new Argument<string>("expression")
        {
            Description = "A scalar expression: numbers, variables, + - * / ^, parentheses, unary minus, and " +
                $"{string.Join(", ", ExpressionFunctions.Names)} (at a tie, max(a, b) passes the gradient to b, " +
                "as relu'(0) = 0). Quote it for the shell.",
        };
        var at = new Option<string[]>("--at")
        {
            Description = "Variable values, as name=value items separated by commas: --at x=-2,y=5,z=-4 " +
                "(the option may repeat).",
            HelpName = "name=value,...",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object {value, gradients, nodes} instead of the table.",
        };
        var dot = new Option<string?>("--dot")
        {
            Description = "Also write the graph as Graphviz DOT text to FILE.",
            HelpName = "FILE",
        };
        var svg = new Option<string?>("--svg")
        {
            Description = "Also write a picture of the graph, with values and gradients, as SVG to FILE.",
            HelpName = "FILE",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Replace an existing --dot or --svg file (it is kept otherwise).",
        };

        var command = new Command(Name,
            "Show the computational graph of an expression: every node's value and gradient ∂f/∂node.")
        {
            expression, at, json, dot, svg, force,
        };
        command.SetAction(parse => Run(output, new Request(
            parse.GetRequiredValue(expression), parse.GetValue(at) ?? [], parse.GetValue(json),
            parse.GetValue(dot), parse.GetValue(svg), parse.GetValue(force))));
        return command;
    }

    private static int Run(CliOutput output, Request request)
    {
        // The files first, as predict and export check theirs: nothing is computed for a refusal.
        if (request.DotFile is { } dotPath)
        {
            OutputFile.Check("--dot", dotPath, request.Force, "graph.dot");
        }

        if (request.SvgFile is { } svgPath)
        {
            OutputFile.Check("--svg", svgPath, request.Force, "graph.svg");
            if (request.DotFile is { } other && OutputFile.SameFile(svgPath, other))
            {
                throw new CliUsageException($"--svg: '{svgPath}' is also the --dot file; give each its own name");
            }
        }

        var values = VariableBindings.Parse(request.At);
        var expression = Expression.Parse(request.Expression);
        RequireValues(expression, values);
        foreach (var name in values.Keys.Where(name => !expression.Variables.Contains(name)))
        {
            output.Warn(Name, $"--at: variable '{name}' is not used by the expression; ignoring it");
        }

        var graph = expression.Evaluate(values);

        var written = new List<string>();
        if (request.DotFile is { } dotFile)
        {
            OutputFile.WriteText("--dot", dotFile, GraphDot.Write(graph, expression.Text));
            written.Add(dotFile);
        }

        if (request.SvgFile is { } svgFile)
        {
            OutputFile.WriteText("--svg", svgFile, GraphSvg.Write(graph, expression.Text));
            written.Add(svgFile);
        }

        if (request.Json)
        {
            output.Stdout.WriteLine(GraphJson.Write(graph));
            return ExitCodes.Ok;
        }

        GraphTable.Render(output.Console, graph);
        foreach (var file in written)
        {
            output.Console.WriteLine($"wrote     {file}");
        }

        return ExitCodes.Ok;
    }

    private static void RequireValues(Expression expression, IReadOnlyDictionary<string, double> values)
    {
        var missing = expression.Variables.Where(v => !values.ContainsKey(v)).ToList();
        if (missing.Count == 1)
        {
            throw new CliUsageException($"variable '{missing[0]}' has no value; give it with --at {missing[0]}=...");
        }

        if (missing.Count > 1)
        {
            throw new CliUsageException(
                $"variables {MessageText.List(missing.Select(m => $"'{m}'"), 10)} have no value; give them with " +
                $"--at {string.Join(",", missing.Take(10).Select(m => $"{m}=..."))}");
        }
    }

    private sealed record Request(string Expression, string[] At, bool Json, string? DotFile, string? SvgFile,
        bool Force);
}
