using System.Globalization;

namespace Astrograd.Cli.Commands;

/// <summary>Reads <c>--at x=-2,y=5,z=-4</c> (the option may repeat) into variable values.</summary>
internal static class VariableBindings
{
    private const string Example = "give values as --at x=-2,y=5";

    /// <summary>The values by name, in the order given.</summary>
    /// <exception cref="CliUsageException">An item is not name=value or a name repeats; names the item.</exception>
    public static OrderedDictionary<string, double> Parse(IEnumerable<string> options)
    {
        var values = new OrderedDictionary<string, double>(StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            foreach (var raw in option.Split(','))
            {
                var item = raw.Trim();
                if (item.Length == 0)
                {
                    throw new CliUsageException($"--at: empty item in '{option}'; {Example}");
                }

                var eq = item.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    throw new CliUsageException($"--at: '{item}' is not name=value; {Example}");
                }

                var name = item[..eq].Trim();
                var text = item[(eq + 1)..].Trim();
                if (!IsName(name))
                {
                    throw new CliUsageException(
                        $"--at: '{item}': '{name}' is not a variable name " +
                        "(a letter or '_', then letters, digits or '_')");
                }

                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    throw new CliUsageException(
                        $"--at: '{item}': '{text}' is not a number; write numbers like -2, 0.5 or 1e-3");
                }

                if (!double.IsFinite(value) && !text.Contains("inf", StringComparison.OrdinalIgnoreCase)
                    && !text.Contains("nan", StringComparison.OrdinalIgnoreCase))
                {
                    // 1e400 parses as ∞ in .NET; infinity and NaN are accepted only when spelled out.
                    throw new CliUsageException(
                        $"--at: '{item}': '{text}' is outside the range of a double (about ±1.8e308)");
                }

                if (!seen.TryAdd(name, item))
                {
                    throw new CliUsageException($"--at: '{name}' is given twice ('{seen[name]}' and '{item}')");
                }

                values.Add(name, value);
            }
        }

        return values;
    }

    private static bool IsName(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') &&
        name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
