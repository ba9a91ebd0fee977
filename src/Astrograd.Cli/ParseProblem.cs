using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Astrograd.Cli;

/// <summary>
/// The one line for a command line that does not parse: an unknown option with the nearest real one, an unknown or
/// missing command with the commands there are, a stray argument; otherwise System.CommandLine's own messages.
/// </summary>
internal static class ParseProblem
{
    /// <summary>The message for <paramref name="parse"/>, whose command is <paramref name="path"/> ("" for the
    /// root).</summary>
    public static string Describe(ParseResult parse, string path)
    {
        var command = parse.CommandResult.Command;
        var help = string.IsNullOrEmpty(path) ? $"{CliApp.Name} --help" : $"{CliApp.Name} {path} --help";
        var stray = parse.UnmatchedTokens.FirstOrDefault();
        if (string.IsNullOrEmpty(path) && (stray is null || !stray.StartsWith('-')))
        {
            var commands = string.Join(", ", command.Subcommands.Select(c => c.Name));
            if (stray is null)
            {
                return $"no command given; the commands are {commands} (see '{help}')";
            }

            var near = NearestName.Find(stray, command.Subcommands.Select(c => c.Name));
            return $"unknown command '{stray}'{DidYouMean(near)}; the commands are {commands}";
        }

        if (stray is null)
        {
            return $"{string.Join("; ", parse.Errors.Select(e => e.Message))} (see '{help}')";
        }

        if (stray.Length > 1 && stray[0] == '-' && !double.TryParse(stray, CultureInfo.InvariantCulture, out _))
        {
            // --name=value and --name:value are one token: the name is the part before the value.
            var name = stray.Split('=', ':')[0];
            var near = NearestName.Find(name, OptionNames(parse.CommandResult));
            return near is null ? $"unknown option '{name}' (see '{help}')"
                : $"unknown option '{name}'{DidYouMean(near)}";
        }

        return $"unexpected argument '{stray}' (see '{help}')";
    }

    private static string DidYouMean(string? near) => near is null ? string.Empty : $" (did you mean '{near}'?)";

    // Every name and alias of the options the command takes, its own and those its parents pass down (--help).
    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        for (SymbolResult? r = result; r is CommandResult c; r = r.Parent)
        {
            foreach (var option in c.Command.Options.Where(o => ReferenceEquals(c, result) || o.Recursive))
            {
                yield return option.Name;
                foreach (var alias in option.Aliases)
                {
                    yield return alias;
                }
            }
        }
    }
}
