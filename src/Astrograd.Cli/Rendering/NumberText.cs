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
}
