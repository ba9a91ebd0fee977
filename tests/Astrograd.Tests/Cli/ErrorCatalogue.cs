using System.Text;
using System.Text.RegularExpressions;

namespace Astrograd.Tests.Cli;

/// <summary>One row of docs/errors.md: a command line and the one error line it must print.</summary>
public sealed record CatalogueEntry(string Id, string Command, int ExitCode, string Message)
{
    public override string ToString() => Id;
}

/// <summary>
/// Reads the table of docs/errors.md (copied beside the test assembly): rows
/// <c>| id | case | `astrograd ...` | exit | `message` |</c>. In a message, <c>…</c> stands for any text (a
/// system's own wording); <c>{dir}</c> and <c>{run}</c> for the test's folder and trained run.
/// </summary>
internal static partial class ErrorCatalogue
{
    public static string DocPath => Path.Combine(AppContext.BaseDirectory, "Cli", "errors.md");

    public static IReadOnlyList<CatalogueEntry> Entries()
    {
        var entries = new List<CatalogueEntry>();
        foreach (var line in File.ReadLines(DocPath))
        {
            var m = Row().Match(line);
            if (m.Success)
            {
                entries.Add(new CatalogueEntry(m.Groups["id"].Value, m.Groups["command"].Value,
                    int.Parse(m.Groups["exit"].Value, System.Globalization.CultureInfo.InvariantCulture),
                    m.Groups["message"].Value.Replace("\\|", "|", StringComparison.Ordinal)));
            }
        }

        return entries;
    }

    /// <summary>The arguments of <c>astrograd a 'b c' d</c>: words, or single-quoted text with spaces.</summary>
    public static string[] Arguments(string command)
    {
        var args = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in command)
        {
            if (c == '\'')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (any || word.Length > 0)
                {
                    args.Add(word.ToString());
                }

                word.Clear();
                any = false;
            }
            else
            {
                word.Append(c);
            }
        }

        if (any || word.Length > 0)
        {
            args.Add(word.ToString());
        }

        Assert.Equal("astrograd", args[0]);
        return [.. args.Skip(1)];
    }

    /// <summary>The whole error line a message pattern allows, as a regular expression (an empty command: an
    /// error of the root, <c>astrograd: error: ...</c>).</summary>
    public static Regex Pattern(string command, string message)
    {
        var parts = message.Split('…').Select(Regex.Escape);
        var prefix = command.Length == 0 ? "astrograd" : $"astrograd {Regex.Escape(command)}";
        return new Regex($"^{prefix}: error: {string.Join(".*", parts)}$", RegexOptions.CultureInvariant);
    }

    [GeneratedRegex(@"^\|\s*(?<id>[A-Z]+\d+)\s*\|[^|]*\|\s*`(?<command>astrograd[^`]*)`\s*\|\s*(?<exit>\d)\s*\|" +
        @"\s*`(?<message>(?:[^`])*)`\s*\|\s*$")]
    private static partial Regex Row();
}
