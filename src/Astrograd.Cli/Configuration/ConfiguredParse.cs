using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using Astrograd.Data;
using Astrograd.Expressions;
using Astrograd.Runs;

namespace Astrograd.Cli.Configuration;

/// <summary>
/// A command line with the values of its <c>--config</c> file added: the file's keys become the options they
/// name, except those given on the command line, which win; then the whole line is parsed again, so that every
/// option reads its value the one way it always does. Errors about a value that came from the file name its
/// key and line.
/// </summary>
internal sealed partial class ConfiguredParse
{
    private readonly ConfigFile? _file;
    private readonly Dictionary<string, ConfigEntry> _byOption;

    private ConfiguredParse(ParseResult parse, ConfigFile? file, IEnumerable<ConfigEntry> used)
    {
        Parse = parse;
        _file = file;
        _byOption = used.ToDictionary(e => e.Option.Name, StringComparer.Ordinal);
    }

    /// <summary>The parse to read option values from.</summary>
    public ParseResult Parse { get; }

    /// <summary>The <c>--config FILE</c> option: a TOML file of option values.</summary>
    public static Option<string?> Option() => new("--config")
    {
        Description = "TOML file of option values (keys are option names without dashes: lr = 0.05, " +
            "layers = [64, 64]); options given on the command line win; paths in it are relative to its folder.",
        HelpName = "FILE",
    };

    /// <summary><paramref name="parse"/> with the values of the file named by <paramref name="config"/>, if any.
    /// </summary>
    /// <exception cref="CliUsageException">A key or value of the file cannot be used; the message names the file,
    /// the line and the key.</exception>
    public static ConfiguredParse Apply(ParseResult parse, Option<string?> config)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(config);
        if (parse.GetValue(config) is not { } path)
        {
            return new ConfiguredParse(parse, null, []);
        }

        var command = parse.CommandResult.Command;
        var options = command.Options.Where(o => o != config).ToList();
        var file = ConfigFile.Read(path, options);
        var root = parse.RootCommandResult.Command;
        var commandWords = CommandPath(parse.CommandResult);

        // A key the command line also gives is left out: the typed value wins.
        var used = file.Entries.Where(e => parse.GetResult(e.Option) is not OptionResult { Implicit: false }).ToList();
        foreach (var entry in used)
        {
            var alone = root.Parse([.. commandWords, entry.Option.Name, .. entry.Words]);
            if (alone.Errors.Count > 0)
            {
                throw new CliUsageException(
                    $"{file.Path}:{entry.Line}: key '{entry.Key}': {WithoutOption(alone.Errors[0].Message, entry)}");
            }
        }

        var typed = parse.Tokens.Where(t => t.Type != TokenType.Command).Select(t => t.Value);
        var merged = root.Parse([.. commandWords, .. typed, .. used.SelectMany(e => e.Words.Prepend(e.Option.Name))]);
        if (merged.Errors.Count > 0)
        {
            throw new CliUsageException($"{file.Path}: {string.Join("; ", merged.Errors.Select(e => e.Message))}");
        }

        return new ConfiguredParse(merged, file, used);
    }

    /// <summary>
    /// Runs <paramref name="body"/>; an error about an option whose value came from the file (a message that
    /// starts with the option's name, <c>--lr: must be ...</c>) is told as the file's line and key instead.
    /// </summary>
    public int Run(Func<ParseResult, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body(Parse);
        }
        catch (Exception e) when (_file is not null && Located(e) is { } located)
        {
            throw located;
        }
    }

    private Exception? Located(Exception e)
    {
        var m = OptionPrefix().Match(e.Message);
        if (!m.Success || !_byOption.TryGetValue(m.Groups["option"].Value, out var entry))
        {
            return null;
        }

        var message = $"{_file!.Path}:{entry.Line}: key '{entry.Key}': {e.Message[m.Length..]}";
        return e is CliUsageException or RunConfigException or ExpressionException
            ? new CliUsageException(message, e)
            : e is CliDataException or DataException or IOException
                ? new CliDataException(message, e)
                : null;
    }

    private static string WithoutOption(string message, ConfigEntry entry)
    {
        var prefix = $"{entry.Option.Name}: ";
        return message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
    }

    // The subcommand names from the root down ("train"), which the parse's tokens hold as Command tokens.
    private static List<string> CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c && c.Parent is not null; r = r.Parent)
        {
            names.Insert(0, c.Command.Name);
        }

        return names;
    }

    [GeneratedRegex("^(?<option>--[a-z0-9][a-z0-9-]*): ")]
    private static partial Regex OptionPrefix();
}
