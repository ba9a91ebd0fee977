using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Astrograd.Training;

namespace Astrograd.Cli.Commands;

/// <summary>Parsers for option values that System.CommandLine does not know: lists, enums by name.</summary>
internal static class OptionParsing
{
    /// <summary>
    /// An option whose value is a number in the invariant culture (a decimal point, no thousands separators, so
    /// that "0,01" is refused rather than read as 1); a bad value is a parse error naming the option.
    /// </summary>
    public static Option<double> Number(string name, string description, double defaultValue)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.CustomParser = result => Parse(option, result, "a number such as 0.01",
            (string t, out double v) => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out v));
        return option;
    }

    /// <summary>An optional number option (null when left out), parsed as <see cref="Number"/>.</summary>
    public static Option<double?> OptionalNumber(string name, string description, string helpName)
    {
        var option = new Option<double?>(name) { Description = description, HelpName = helpName };
        option.CustomParser = result => Parse(option, result, "a number such as 0.01",
            (string t, out double v) => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out v));
        return option;
    }

    /// <summary>An option whose value is a whole number; a bad value is a parse error naming the option.</summary>
    public static Option<int> WholeNumber(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.CustomParser = result => Parse(option, result, "a whole number",
            (string t, out int v) => int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                out v));
        return option;
    }

    /// <summary>An option whose value is a whole number >= 0 (a seed); a bad value is a parse error.</summary>
    public static Option<ulong> Seed(string name, string description, ulong defaultValue)
    {
        var option = new Option<ulong>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.CustomParser = result => Parse(option, result, "a whole number >= 0",
            (string t, out ulong v) => ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out v));
        return option;
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static T Parse<T>(Option option, ArgumentResult result, string expected, TryParse<T> tryParse)
        where T : struct
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (tryParse(text.Trim(), out var value))
        {
            return value;
        }

        result.AddError($"{option.Name}: expected {expected}, got '{text}'");
        return default;
    }

    /// <summary>"64,64" → [64, 64]; every entry a positive whole number; "0" or "none" → [] (a linear model).
    /// </summary>
    /// <exception cref="CliUsageException">The text is empty (a linear model is asked for by name, not by an empty
    /// shell variable), or an entry is not a positive whole number.</exception>
    public static IReadOnlyList<int> Layers(string? text)
    {
        if (text is not null && text.Trim() is "0" or "none")
        {
            return [];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliUsageException("--layers: is empty; give neurons per hidden layer, e.g. 64,64, or 0 (also " +
                "written none) for a linear model without hidden layers");
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var result = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out result[i])
                || result[i] < 1)
            {
                throw new CliUsageException(
                    $"--layers: '{parts[i]}' is not a positive whole number; expected neurons per layer, e.g. 64,64 " +
                    "(0 or none for a linear model)");
            }
        }

        return result;
    }

    /// <summary>"a,b,c" → ["a", "b", "c"], or null when not given.</summary>
    public static IReadOnlyList<string>? Columns(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split(',', StringSplitOptions.TrimEntries);

    /// <summary>binary, multiclass or regression.</summary>
    public static TaskKind? Task(string? text) => text?.ToLowerInvariant() switch
    {
        null => null,
        "binary" => TaskKind.Binary,
        "multiclass" => TaskKind.Multiclass,
        "regression" => TaskKind.Regression,
        _ => throw new CliUsageException($"--task: '{text}' is not a task; expected binary, multiclass or regression"),
    };

    /// <summary>A name of <see cref="LossNames.All"/>.</summary>
    public static LossKind? Loss(string? text) => text is null ? null
        : LossNames.TryParse(text, out var loss) ? loss
        : throw new CliUsageException(
            $"--loss: '{text}' is not a loss; expected {string.Join(", ", LossNames.All)}");

    /// <summary>An activation name, as <see cref="ActivationExtensions.Names"/> lists them.</summary>
    public static Activation Activation(string text)
    {
        if (!ActivationExtensions.TryParse(text, out var activation))
        {
            throw new CliUsageException(
                $"--activation: '{text}' is not an activation; expected one of " +
                    $"{string.Join(", ", ActivationExtensions.Names)}");
        }

        return activation;
    }
}
