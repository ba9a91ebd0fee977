using System.Globalization;
using Astrograd.Training;

namespace Astrograd.Cli.Commands;

/// <summary>Parsers for option values that System.CommandLine does not know: lists, enums by name.</summary>
internal static class OptionParsing
{
    /// <summary>"64,64" → [64, 64]; every entry a positive whole number.</summary>
    public static IReadOnlyList<int> Layers(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "0")
        {
            return [];
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var result = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out result[i]) || result[i] < 1)
            {
                throw new CliUsageException(
                    $"--layers: '{parts[i]}' is not a positive whole number; expected neurons per layer, e.g. 64,64");
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

    /// <summary>l1, l2, huber, bce or ce.</summary>
    public static LossKind? Loss(string? text) => text?.ToLowerInvariant() switch
    {
        null => null,
        "l1" => LossKind.L1,
        "l2" or "mse" => LossKind.L2,
        "huber" => LossKind.Huber,
        "bce" => LossKind.Bce,
        "ce" => LossKind.Ce,
        _ => throw new CliUsageException($"--loss: '{text}' is not a loss; expected l1, l2, huber, bce or ce"),
    };

    /// <summary>An activation name, as <see cref="ActivationExtensions.Names"/> lists them.</summary>
    public static Activation Activation(string text)
    {
        if (!ActivationExtensions.TryParse(text, out var activation))
        {
            throw new CliUsageException(
                $"--activation: '{text}' is not an activation; expected one of {string.Join(", ", ActivationExtensions.Names)}");
        }

        return activation;
    }
}
