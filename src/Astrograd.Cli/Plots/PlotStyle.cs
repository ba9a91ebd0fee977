using ScottPlot;
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

        plot.Legend.FontSize = LegendSize;
        return plot;
    }

    private static string PickFamily()
    {
        var installed = SKFontManager.Default.GetFontFamilies().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return _sansFamilies.FirstOrDefault(installed.Contains) ?? Fonts.Sans;
    }
}
