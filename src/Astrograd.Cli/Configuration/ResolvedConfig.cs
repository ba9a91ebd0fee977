using System.Collections;
using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Astrograd.Cli.Configuration;

/// <summary>
/// <c>config.toml</c> of a run directory: the value of every option of the command as the run used it, defaults
/// and seed included, in the form <see cref="ConfigFile"/> reads, so that <c>astrograd train --config
/// runs/X/config.toml --out runs/Y</c> trains the same network bit for bit. Paths are written relative to the
/// run directory, where the file lies.
/// </summary>
internal static class ResolvedConfig
{
    /// <summary>The file's name in a run directory.</summary>
    public const string FileName = "config.toml";

    // Where a run goes and how it is shown are the replay's own choice, not part of the run.
    // --resume continues a run that config.toml already describes: the checkpoint keeps that file's text.
    private static readonly string[] _notRecorded = ["--config", "--out", "--json", "--resume"];

    /// <summary>Whether <paramref name="option"/> is left out of the file: where a run goes and how it is shown,
    /// the configuration file itself and --resume.</summary>
    public static bool IsNotRecorded(string option) => _notRecorded.Contains(option);

    /// <summary>What a resumed run records when its checkpoint, written by an older version, kept no
    /// configuration.</summary>
    public const string Missing = "# This run was resumed from a checkpoint that kept no configuration.\n";

    private static readonly MethodInfo _getValueOfOption = typeof(ParseResult).GetMethods()
        .Single(m => m.Name == nameof(ParseResult.GetValue) && m.IsGenericMethodDefinition
            && m.GetParameters() is [{ ParameterType: { IsGenericType: true } type }]
            && type.GetGenericTypeDefinition() == typeof(Option<>));

    /// <summary>The TOML text for the options of <paramref name="parse"/>'s command, for a run written to
    /// <paramref name="runDirectory"/>.</summary>
    public static string Toml(ParseResult parse, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        var command = parse.CommandResult.Command;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"# The options of this run of 'astrograd {command.Name}', defaults included. Replay it with\n");
        sb.Append(CultureInfo.InvariantCulture, $"#   astrograd {command.Name} --config config.toml --out NEW_DIR\n");
        sb.Append("# Paths are relative to the folder of this file.\n\n");
        foreach (var option in command.Options)
        {
            if (IsNotRecorded(option.Name) || option.Name.StartsWith("--help", StringComparison.Ordinal))
            {
                continue;
            }

            var key = ConfigFile.KeyOf(option);
            var value = _getValueOfOption.MakeGenericMethod(option.ValueType).Invoke(parse, [option]);
            if (value is null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"# {key}: not set\n");
                continue;
            }

            if (ConfigFile.IsPath(option) && value is string path && path.Length > 0)
            {
                value = Path.GetRelativePath(Path.GetFullPath(runDirectory), Path.GetFullPath(path))
                    .Replace('\\', '/');
            }

            sb.Append(CultureInfo.InvariantCulture, $"{key} = {Value(value)}\n");
        }

        return sb.ToString();
    }

    /// <summary>The value of the flag <paramref name="option"/> (such as --no-plots) in <paramref name="toml"/>, a
    /// run's recorded config.toml; null when the text is null, holds no such key or cannot be read.</summary>
    public static bool? RecordedFlag(string? toml, string option)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(option);
        return toml is null ? null : ConfigFile.TopLevelFlag(toml, option.TrimStart('-'));
    }

    /// <summary>A value as TOML: text quoted, numbers in the invariant culture with every digit needed to read
    /// back the same double, lists as arrays.</summary>
    public static string Value(object value) => value switch
    {
        string s => Quote(s),
        bool b => b ? "true" : "false",
        Enum e => Quote(e.ToString()),
        double d => Float(d),
        float f => Float(f),
        ulong u when u > long.MaxValue => Quote(u.ToString(CultureInfo.InvariantCulture)),
        sbyte or byte or short or ushort or int or uint or long or ulong =>
            Convert.ToString(value, CultureInfo.InvariantCulture)!,
        IEnumerable list => $"[{string.Join(", ", list.Cast<object>().Select(Value))}]",
        IFormattable formattable => Quote(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => Quote(value.ToString() ?? string.Empty),
    };

    private static string Float(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal)
            ? text
            : text + ".0";
    }

    private static string Float(float f) => double.IsFinite(f)
        ? Float(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
        : Float((double)f);

    // A TOML basic string: backslash, quote and control characters escaped.
    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' or '\u007f' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
