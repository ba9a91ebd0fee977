using System.Text.Json;
using System.Xml.Linq;

namespace Astrograd.Tests.Cli;

public class GraphCommandTests
{
    private static readonly string[] _g1 = ["graph", "(x+y)*z", "--at", "x=-2,y=5,z=-4"];

    // The cells of one table row, "│ 0 │ var │ ..." → ["0", "var", ...]; other lines give no cells.
    private static string[] Row(string line) =>
        line.Contains('│', StringComparison.Ordinal)
            ? line.Split('│')[1..^1].Select(c => c.Trim()).ToArray()
            : [];

    [Fact]
    public void G1_json_gives_the_value_gradients_and_nodes()
    {
        var result = CliHarness.Run([.. _g1, "--json"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal(["value", "gradients", "nodes"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(-12, root.GetProperty("value").GetDouble());
        var gradients = root.GetProperty("gradients");
        Assert.Equal(-4, gradients.GetProperty("x").GetDouble());
        Assert.Equal(-4, gradients.GetProperty("y").GetDouble());
        Assert.Equal(3, gradients.GetProperty("z").GetDouble());

        var nodes = root.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(5, nodes.Count);
        var sum = nodes[2];
        Assert.Equal("add", sum.GetProperty("op").GetString());
        Assert.Equal([0, 1], sum.GetProperty("inputs").EnumerateArray().Select(i => i.GetInt32()));
        Assert.Equal(3, sum.GetProperty("value").GetDouble());
        Assert.Equal(-4, sum.GetProperty("grad").GetDouble());
        Assert.Equal("x+y", sum.GetProperty("label").GetString());
        Assert.Equal(1, nodes[4].GetProperty("grad").GetDouble());
    }

    [Fact]
    public void G3_json_gives_the_lecture_value_and_gradients()
    {
        var result = CliHarness.Run(
            "graph", "(x + sigmoid(y)) / (sigmoid(x) + (x + y)^2)", "--at", "x=3,y=-4", "--json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal(1.5456449, root.GetProperty("value").GetDouble(), 7);
        Assert.Equal(2.0595698, root.GetProperty("gradients").GetProperty("x").GetDouble(), 7);
        Assert.Equal(1.5922328, root.GetProperty("gradients").GetProperty("y").GetDouble(), 7);
    }

    [Fact]
    public void G6_help_states_where_max_sends_the_gradient_at_a_tie()
    {
        var result = CliHarness.Run("graph", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("at a tie, max(a, b) passes the gradient to b",
            string.Join(' ', result.Stdout.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)),
            StringComparison.Ordinal);
    }

    [Fact]
    public void P3_json_writes_a_NaN_gradient_as_a_string()
    {
        var result = CliHarness.Run("graph", "a^b", "--at", "a=-2,b=-3", "--json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(-0.125, doc.RootElement.GetProperty("value").GetDouble());
        Assert.Equal("NaN", doc.RootElement.GetProperty("gradients").GetProperty("b").GetString());
    }

    [Fact]
    public void Json_is_exactly_one_object_on_stdout_and_nothing_on_the_console()
    {
        var result = CliHarness.Run([.. _g1, "--json"]);

        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(result.Stdout).RootElement.ValueKind);
        Assert.Empty(result.Console);
    }

    [Fact]
    public void Json_writes_constants_without_a_gradient_as_null()
    {
        var result = CliHarness.Run("graph", "2*x", "--at", "x=3", "--json");

        using var doc = JsonDocument.Parse(result.Stdout);
        var constant = doc.RootElement.GetProperty("nodes")[0];
        Assert.Equal("const", constant.GetProperty("op").GetString());
        Assert.Equal(JsonValueKind.Null, constant.GetProperty("grad").ValueKind);
    }

    [Fact]
    public void Json_spells_non_finite_numbers_as_strings()
    {
        var result = CliHarness.Run("graph", "x*y", "--at", "x=NaN,y=Infinity", "--json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal("NaN", doc.RootElement.GetProperty("value").GetString());
        Assert.Equal("Infinity", doc.RootElement.GetProperty("nodes")[1].GetProperty("value").GetString());
    }

    [Fact]
    public void The_table_on_a_100_column_console_shows_every_node_and_the_gradients()
    {
        var result = CliHarness.Run(_g1);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Console.Split('\n');
        Assert.All(lines, l => Assert.True(l.TrimEnd('\r').Length <= CliHarness.Width, l));
        Assert.Contains(lines, l => Row(l) is ["0", "var", "", "-2", "-4", "x"]);
        Assert.Contains(lines, l => Row(l) is ["1", "var", "", "5", "-4", "y"]);
        Assert.Contains(lines, l => Row(l) is ["2", "add", "0, 1", "3", "-4", "x+y"]);
        Assert.Contains(lines, l => Row(l) is ["3", "var", "", "-4", "3", "z"]);
        Assert.Contains(lines, l => Row(l) is ["4", "mul", "2, 3", "-12", "1", "(x+y)*z"]);
        Assert.Contains("f = -12", result.Console, StringComparison.Ordinal);
        Assert.Contains("∂f/∂x = -4, ∂f/∂y = -4, ∂f/∂z = 3", result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_are_shown_as_text_not_as_markup()
    {
        var result = CliHarness.Run("graph", "x_1 * 2", "--at", "x_1=2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("x_1 * 2", result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_file_holds_every_node_and_edge()
    {
        var folder = CliHarness.TempFolder();
        try
        {
            var path = Path.Combine(folder, "g1.dot");

            var result = CliHarness.Run([.. _g1, "--dot", path]);

            Assert.Equal(0, result.ExitCode);
            var dot = File.ReadAllText(path);
            Assert.Contains("digraph expression {", dot, StringComparison.Ordinal);
            Assert.EndsWith("}\n", dot, StringComparison.Ordinal);
            foreach (var edge in new[] { "n0 -> n2;", "n1 -> n2;", "n2 -> n4;", "n3 -> n4;" })
            {
                Assert.Contains(edge, dot, StringComparison.Ordinal);
            }

            Assert.Contains("n4 [label=\"mul\\n(x+y)*z\\nvalue -12\\ngrad  1\"", dot, StringComparison.Ordinal);
            Assert.Equal(dot.Count(c => c == '{'), dot.Count(c => c == '}'));
            Assert.Equal(0, dot.Count(c => c == '"') % 2);
            Assert.Contains(path, result.Console, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Svg_file_is_well_formed_with_a_box_per_node_and_an_arrow_per_edge()
    {
        var folder = CliHarness.TempFolder();
        try
        {
            var path = Path.Combine(folder, "g1.svg");

            var result = CliHarness.Run([.. _g1, "--svg", path, "--json"]);

            Assert.Equal(0, result.ExitCode);
            var svg = XDocument.Load(path);
            XNamespace ns = "http://www.w3.org/2000/svg";
            Assert.Equal(ns + "svg", svg.Root!.Name);
            var nodes = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("id") is ['n', ..]).ToList();
            Assert.Equal(5, nodes.Count);
            Assert.All(nodes, n => Assert.NotNull(n.Element(ns + "rect")));
            var edges = svg.Descendants(ns + "path").Where(p => p.Attribute("marker-end") is not null).ToList();
            Assert.Equal(4, edges.Count);
            var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
            Assert.Contains("value -12", texts);
            Assert.Contains("grad  -4", texts);
            Assert.Contains("z", texts);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Svg_boxes_do_not_overlap_and_inputs_sit_left_of_their_ops()
    {
        var folder = CliHarness.TempFolder();
        try
        {
            var path = Path.Combine(folder, "big.svg");

            var result = CliHarness.Run("graph", "(a*b + c)*f + a*(b + 2*c) + f*f", "--at", "a=2,b=-3,c=10,f=-2",
                "--svg", path);

            Assert.Equal(0, result.ExitCode);
            XNamespace ns = "http://www.w3.org/2000/svg";
            var boxes = XDocument.Load(path).Descendants(ns + "g")
                .Where(g => (string?)g.Attribute("id") is ['n', ..])
                .Select(g => g.Element(ns + "rect")!)
                .Select(r => (X: D(r, "x"), Y: D(r, "y"), W: D(r, "width"), H: D(r, "height")))
                .ToList();
            for (var i = 0; i < boxes.Count; i++)
            {
                for (var j = i + 1; j < boxes.Count; j++)
                {
                    var (a, b) = (boxes[i], boxes[j]);
                    var overlap = a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
                    Assert.False(overlap, $"boxes n{i} and n{j} overlap");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        static double D(XElement e, string name) =>
            double.Parse((string)e.Attribute(name)!, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Writing_into_a_missing_folder_is_a_data_error_naming_the_file()
    {
        var missing = "astrograd-no-such-folder-" + Guid.NewGuid().ToString("N");
        var path = Path.Combine(Path.GetTempPath(), missing, "g.svg");

        var result = CliHarness.Run([.. _g1, "--svg", path]);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("astrograd graph: error: --svg: cannot write '", line, StringComparison.Ordinal);
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_is_a_usage_error_naming_the_column()
    {
        var result = CliHarness.Run("graph", "(x + )", "--at", "x=1");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "astrograd graph: error: unexpected ')' at column 6; expected a number, a variable, '(' or a function",
            result.Stderr.TrimEnd());
    }

    [Fact]
    public void An_unbound_variable_says_how_to_give_it()
    {
        var result = CliHarness.Run("graph", "x * w", "--at", "x=1");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "astrograd graph: error: variable 'w' has no value; give it with --at w=...", result.Stderr.TrimEnd());
    }

    [Fact]
    public void Several_unbound_variables_are_all_named()
    {
        var result = CliHarness.Run("graph", "x * w + b");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("variables 'x', 'w', 'b' have no value; give them with --at x=...,w=...,b=...",
            result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_for_an_unused_variable_is_a_warning_not_an_error()
    {
        var result = CliHarness.Run("graph", "x * 2", "--at", "x=1,q=5", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("astrograd graph: warning: --at: variable 'q' is not used by the expression; ignoring it",
            result.Stderr.TrimEnd());
        Assert.Equal(2, JsonDocument.Parse(result.Stdout).RootElement.GetProperty("value").GetDouble());
    }

    [Fact]
    public void The_at_option_may_repeat()
    {
        var result = CliHarness.Run("graph", "(x+y)*z", "--at", "x=-2", "--at", "y=5,z=-4", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(-12, JsonDocument.Parse(result.Stdout).RootElement.GetProperty("value").GetDouble());
    }

    [Fact]
    public void An_expression_starting_with_a_minus_is_taken_as_the_expression()
    {
        var result = CliHarness.Run("graph", "-x^2", "--at", "x=3", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(-9, JsonDocument.Parse(result.Stdout).RootElement.GetProperty("value").GetDouble());
    }

    [Theory]
    [InlineData("x2", "--at: 'x2' is not name=value")]
    [InlineData("x=", "--at: 'x=': '' is not a number")]
    [InlineData("x=abc", "--at: 'x=abc': 'abc' is not a number")]
    [InlineData("x=1,,y=2", "--at: empty item in 'x=1,,y=2'")]
    [InlineData("2x=1", "--at: '2x=1': '2x' is not a variable name")]
    [InlineData("=1", "--at: '=1': '' is not a variable name")]
    [InlineData("x=1,x=2", "--at: 'x' is given twice ('x=1' and 'x=2')")]
    [InlineData("x=1,5", "--at: '5' is not name=value")]
    [InlineData("x=1;y=2", "--at: 'x=1;y=2': '1;y=2' is not a number")]
    [InlineData("x=1e400", "--at: 'x=1e400': '1e400' is outside the range of a double")]
    public void Bad_at_values_are_usage_errors_naming_the_item(string at, string message)
    {
        var result = CliHarness.Run("graph", "x", "--at", at);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"astrograd graph: error: {message}", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("graph", "(x + )", "--at", "x=1")]
    [InlineData("graph", "x", "--at", "x")]
    [InlineData("graph", "x * w", "--at", "x=1")]
    [InlineData("graph", "x", "--at", "x=1", "--svg", "/no/such/folder/g.svg")]
    [InlineData("graph", "x", "--at", "x=1", "--dot", "")]
    [InlineData("graph", "foo(x)")]
    [InlineData("graph", "1e999")]
    [InlineData("graph", "x", "--bogus")]
    [InlineData("bogus")]
    public void No_error_ever_prints_a_stack_trace(params string[] args)
    {
        var result = CliHarness.Run(args);

        Assert.NotEqual(0, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Matches(@"^astrograd( graph)?: error: ", line);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.All, StringComparison.Ordinal);
    }
}
