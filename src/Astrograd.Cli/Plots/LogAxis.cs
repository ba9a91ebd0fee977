using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Astrograd.Cli.Plots;

/// <summary>
/// Logarithmic axes, the ScottPlot 5 way: values are drawn as log10(v) and the ticks are labelled with v, a major
/// tick at every power of ten and minor ticks at 2·10ᵏ … 9·10ᵏ.
/// </summary>
internal static class LogAxis
{
    /// <summary>How many decades the positive finite values must span before a plot switches to a log axis.</summary>
    public const double Decades = 2;

    /// <summary>log10 of each value (the drawn coordinate); non-positive values become NaN.</summary>
    public static double ToAxis(double value) => value > 0 ? Math.Log10(value) : double.NaN;

    /// <summary>Labels the axis with 10^coordinate.</summary>
    public static void Apply(IAxis axis)
    {
        ArgumentNullException.ThrowIfNull(axis);
        axis.TickGenerator = new NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new LogMinorTickGenerator(),
            LabelFormatter = Label,
        };
    }

    /// <summary>The label of the tick at log10 coordinate <paramref name="exponent"/>: 0.001 … 10000 written
    /// out, 1e-05 and beyond in exponent form.</summary>
    public static string Label(double exponent)
    {
        var value = Math.Pow(10, exponent);
        return Math.Abs(exponent) <= 4
            ? value.ToString("0.####", CultureInfo.InvariantCulture)
            : value.ToString("0e+0", CultureInfo.InvariantCulture);
    }

    /// <summary>True when every value is finite and positive and together they span at least <see
    /// cref="Decades"/> decades (max / min ≥ 10^Decades): a linear axis would squash the small ones.</summary>
    public static bool Suits(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count > 1 && finite.All(v => v > 0)
            && Math.Log10(finite.Max()) - Math.Log10(finite.Min()) >= Decades;
    }
}
