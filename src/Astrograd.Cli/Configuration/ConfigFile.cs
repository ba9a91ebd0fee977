using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Astrograd.Cli.Configuration;

/// <summary>One key of a configuration file: the option it sets, the command-line words of its value, its line
/// (1-based).</summary>
internal sealed record ConfigEntry(string Key, Option Option, IReadOnlyList<string> Words, int Line);

/// <summary>
/// A run configuration in TOML, as <c>train --config run.toml</c> reads it: one top-level key per command-line
/// option, named as the option without its dashes (<c>lr = 0.05</c>, <c>layers = [64, 64]</c> or <c>"64,64"</c>,
/// <c>data = "stars.csv"</c>, <c>drop-missing = true</c>). A value becomes the words the option would take on the
/// command line, so that it is parsed and checked by the option itself, exactly as if it had been typed; the keys
/// are the command's own options, so an option added to the command is a key at once.
/// </summary>
/// <remarks>
/// A path is relative to the configuration file's folder, not to the working folder, so that a configuration
/// and its data travel together. An option is a path when its help name is FILE or DIR (as --data and --out
/// have it); a new path option must say so there to be resolved.
/// </remarks>
internal sealed partial class ConfigFile
{
    private ConfigFile(string path, IReadOnlyList<ConfigEntry> entries)
    {
        Path = path;
        Entries = entries;
    }

    /// <summary>The file's path as the user gave it (it starts every message).</summary>
    public string Path { get; }

    /// <summary>The keys, in the file's order.</summary>
    public IReadOnlyList<ConfigEntry> Entries { get; }

    /// <summary>Whether <paramref name="option"/> takes a file or folder, resolved against the file's folder.
    /// </summary>
    public static bool IsPath(Option option) => option.HelpName is "FILE" or "DIR";

    /// <summary>The key that sets <paramref name="option"/>: its name without the leading dashes.</summary>
    public static string KeyOf(Option option) => option.Name.TrimStart('-');

    /// <summary>Reads <paramref name="path"/>, whose keys may set any of <paramref name="options"/>.</summary>
    /// <exception cref="CliDataException">The file does not exist or cannot be read.</exception>
    /// <exception cref="CliUsageException">The file is not TOML, or a key or value cannot be used; the message
    /// starts with <c>path:line:</c>.</exception>
    public static ConfigFile Read(string path, IEnumerable<Option> options)
    {
        var text = ReadText(path);
        var byKey = new Dictionary<string, Option>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            byKey.TryAdd(KeyOf(option), option);
        }

        var document = SyntaxParser.Parse(text, path, validate: true);
        foreach (var diagnostic in document.Diagnostics)
        {
            if (diagnostic.Kind == DiagnosticMessageKind.Error)
            {
                throw new CliUsageException(
                    $"{path}:{diagnostic.Span.Start.Line + 1}: {ParserMessage(diagnostic.Message)}");
            }
        }

        if (document.Tables.ChildrenCount > 0)
        {
            var table = document.Tables.GetChild(0)!;
            throw new CliUsageException($"{path}:{LineOf(table)}: tables are not read; write every option as a " +
                "top-level key, e.g. lr = 0.05");
        }

        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var entries = new List<ConfigEntry>();
        foreach (var pair in document.KeyValues)
        {
            var line = LineOf(pair);
            var key = KeyText(pair.Key!);
            if (!byKey.TryGetValue(key, out var option))
            {
                var near = NearestName.Find(key, byKey.Keys);
                var hint = near is null
                    ? "; see 'astrograd train --help' for the options"
                    : $" (did you mean '{near}'?)";
                throw new CliUsageException($"{path}:{line}: unknown key '{key}'{hint}");
            }

            var words = Words(pair.Value!, option) ?? throw new CliUsageException(
                $"{path}:{line}: key '{key}': expected a number, text, true or false, or a list of them");
            if (IsPath(option))
            {
                words = [.. words.Select(w => w.Length == 0 || System.IO.Path.IsPathRooted(w)
                    ? w
                    : System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, w)))];
            }

            entries.Add(new ConfigEntry(key, option, words, line));
        }

        // config.toml written before --data and --dataset excluded each other holds both, dataset at its default:
        // the file is the run's data, as it was when the run was made.
        if (entries.Any(e => e.Key == "data") && entries.Find(e => e.Key == "dataset") is { Words: ["htru2"] } old)
        {
            entries.Remove(old);
        }

        return new ConfigFile(path, entries);
    }

    /// <summary>The value of the top-level key <paramref name="key"/> of the TOML <paramref name="text"/> when it
    /// is true or false; null when the key is absent, holds anything else, or the text is not TOML.</summary>
    public static bool? TopLevelFlag(string text, string key)
    {
        var document = SyntaxParser.Parse(text, "config.toml", validate: true);
        if (document.Diagnostics.Any(d => d.Kind == DiagnosticMessageKind.Error))
        {
            return null;
        }

        var pair = document.KeyValues.FirstOrDefault(p => p.Key is { } k && KeyText(k) == key);
        return pair?.Value is BooleanValueSyntax flag ? flag.Value : null;
    }

    // Tomlyn's messages name its own token kinds ("(token: `Eof`)") and draw a line break as '␤'; a user reads the
    // rest, with the ends spelled out.
    private static string ParserMessage(string message) =>
        TokenKind().Replace(message, string.Empty)
            .Replace("token `<eof>`", "end of the file", StringComparison.Ordinal)
            .Replace("token found `\u2424`", "end of the line", StringComparison.Ordinal);

    [GeneratedRegex(@" \(token: `[^`]*`\)")]
    private static partial Regex TokenKind();

    private static string ReadText(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CliDataException($"--config: '{path}' is a directory; give a TOML file such as run.toml");
        }

        if (!File.Exists(path))
        {
            throw new CliDataException($"--config: file '{path}' does not exist");
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliDataException($"--config: cannot read '{path}': {e.Message}", e);
        }
    }

    private static int LineOf(SyntaxNode node) => node.Span.Start.Line + 1;

    // A dotted key (a.b = 1) names a table entry, never an option: it is shown whole and reported unknown.
    private static string KeyText(KeySyntax key)
    {
        var parts = new List<string> { Part(key.Key) };
        foreach (var dotted in key.DotKeys)
        {
            parts.Add(Part(dotted.Key));
        }

        return string.Join('.', parts);

        static string Part(BareKeyOrStringValueSyntax? part) => part switch
        {
            BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
            StringValueSyntax quoted => quoted.Value ?? string.Empty,
            _ => string.Empty,
        };
    }

    // The words of a value as the option takes them: a list becomes one comma-separated word ("64,64"), or one
    // word per item for an option that takes several; null for a value that has no command-line form.
    private static string[]? Words(ValueSyntax value, Option option)
    {
        if (value is not ArraySyntax array)
        {
            return Word(value) is { } word ? [word] : null;
        }

        var items = new List<string>();
        foreach (var item in array.Items)
        {
            if (item.Value is null || Word(item.Value) is not { } word)
            {
                return null;
            }

            items.Add(word);
        }

        return option.Arity.MaximumNumberOfValues > 1 ? [.. items] : [string.Join(',', items)];
    }

    private static string? Word(ValueSyntax value) => value switch
    {
        StringValueSyntax s => s.Value ?? string.Empty,
        IntegerValueSyntax i => i.Value.ToString(CultureInfo.InvariantCulture),
        FloatValueSyntax f => f.Value.ToString("R", CultureInfo.InvariantCulture),
        BooleanValueSyntax b => b.Value ? "true" : "false",
        _ => null,
    };
}
