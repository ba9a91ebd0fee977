using System.Globalization;

namespace Astrograd.Cli.Commands;

/// <summary>The value lists of <c>astrograd search</c>; a bad entry is a one-line usage error naming the option.
/// Each returns null when the option was not given.</summary>
internal static class SearchLists
{
    /// <summary>"32;64,64;0" → [[32], [64, 64], []]: networks separated by ';', each as --layers takes it.</summary>
    public static IReadOnlyList<IReadOnlyList<int>>? LayersGrid(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var networks = new List<IReadOnlyList<int>>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries))
        {
            if (part.Length == 0)
            {
                throw new CliUsageException(
                    $"--layers-grid: has an empty network in '{text}'; expected networks separated by ';', " +
                    "e.g. 32;64,64 (0 for none)");
            }

            try
            {
                networks.Add(OptionParsing.Layers(part));
            }
            catch (CliUsageException)
            {
                throw new CliUsageException($"--layers-grid: '{part}' is not a list of positive whole numbers; " +
                    "expected networks separated by ';', e.g. 32;64,64 (0 for none)");
            }
        }

        return networks;
    }

    /// <summary>"tanh,relu" → [Tanh, Relu].</summary>
    public static IReadOnlyList<Activation>? Activations(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var result = new List<Activation>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!ActivationExtensions.TryParse(part, out var activation))
            {
                throw new CliUsageException($"--activations: '{part}' is not an activation; expected " +
                    $"comma-separated names from {string.Join(", ", ActivationExtensions.Names)}");
            }

            result.Add(activation);
        }

        return result;
    }

    /// <summary>"1e-3,1e-2" → [0.001, 0.01]; every entry a finite number &gt; 0.</summary>
    public static IReadOnlyList<double>? Numbers(string option, string? text)
    {
        if (text is null)
        {
            return null;
        }

        var result = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !(value > 0) || !double.IsFinite(value))
            {
                throw new CliUsageException(
                    $"{option}: '{part}' is not a learning rate; expected comma-separated numbers > 0, e.g. 1e-3,1e-2");
            }

            result.Add(value);
        }

        return result;
    }

    /// <summary>"32,64" → [32, 64]; every entry a whole number &gt;= 1.</summary>
    public static IReadOnlyList<int>? WholeNumbers(string option, string? text)
    {
        if (text is null)
        {
            return null;
        }

        var result = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                throw new CliUsageException(
                    $"{option}: '{part}' is not a batch size; expected comma-separated whole numbers >= 1, e.g. 32,64");
            }

            result.Add(value);
        }

        return result;
    }
}
