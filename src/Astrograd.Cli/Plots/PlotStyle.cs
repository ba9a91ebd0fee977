using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace Astrograd.Cli.Plots;

/// <summary>The house style of every plot: one sans-serif family, font sizes readable at the saved size.</summary>
internal static class PlotStyle
{
    public const float TitleSize = 18;
    public const float LabelSize = 15;
    public const float TickSize = 13;
    public const float LegendSize = 13;

    // Families tried in order; the first one installed wins. ScottPlot's own choice is the fallback, because
    // without fontconfig (the NoDependencies native build) it asks for a sans font and may be given a serif one.
    private static readonly string[] _sansFamilies =
        ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans", "Segoe UI"];

    private static readonly Lazy<string> _family = new(PickFamily);

    /// <summary>The sans-serif family the plots use on this machine.</summary>
    public static string SansFamily => _family.Value;

    /// <summary>A plot with the house fonts and sizes, the given title and axis labels.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(SansFamily);
        plot.Title(title, TitleSize);
        plot.XLabel(xLabel, LabelSize);
        plot.YLabel(yLabel, LabelSize);
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = TickSize;
        }

        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = TickLabel };
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = TickLabel };

        plot.Legend.FontSize = LegendSize;
        return plot;
    }

    /// <summary>
    /// A tick label: up to six significant digits (so 0.30000000000000004 reads 0.3), and exponent form beyond
    /// 10⁵ or below 10⁻⁴, where ScottPlot's default would write a diverged loss with thirty digits and commas.
    /// Below 10⁻¹⁵ it is rounding noise of a tick at zero.
    /// </summary>
    public static string TickLabel(double value)
    {
        var size = Math.Abs(value);
        return size < 1e-15 ? "0"
            : size >= 1e5 || size < 1e-4 ? value.ToString("0.###e+0", CultureInfo.InvariantCulture)
            : value.ToString("G6", CultureInfo.InvariantCulture);
    }

    private static string PickFamily()
    {
        var installed = SKFontManager.Default.GetFontFamilies().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return _sansFamilies.FirstOrDefault(installed.Contains) ?? Fonts.Sans;
    }
}
