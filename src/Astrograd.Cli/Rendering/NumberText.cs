using System.Globalization;

namespace Astrograd.Cli.Rendering;

/// <summary>How numbers are shown to people: culture-invariant, 8 significant digits.</summary>
internal static class NumberText
{
    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        _ when double.IsNaN(value) => "NaN",

        // Keeps -0 from showing up as "-0" after rounding noise such as 1 - 1.
        0.0 => "0",
        _ => value.ToString("G8", CultureInfo.InvariantCulture),
    };

    public static string Format(double? value) => value is { } v ? Format(v) : "—";

    /// <summary>A metric in a table: counts as whole numbers, NaN as "n/a", the rest with 4 decimals.</summary>
    public static string Metric(string name, double value) =>
        name == "count" || name.StartsWith("count_", StringComparison.Ordinal)
            ? value.ToString("F0", CultureInfo.InvariantCulture)
        : double.IsNaN(value) ? "n/a"
        : value.ToString("F4", CultureInfo.InvariantCulture);
}
