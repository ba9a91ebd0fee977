using System.Globalization;
using Astrograd.Runs;
using Spectre.Console;

namespace Astrograd.Cli.Rendering;

/// <summary>The per-bin redshift metrics as a console table.</summary>
internal static class RedshiftBinsView
{
    public static Table Render(RedshiftBinTable table, string title)
    {
        ArgumentNullException.ThrowIfNull(table);
        var t = new Table().Title(Markup.Escape(title)).AddColumn($"true {Markup.Escape(table.Target)}");
        foreach (var name in new[] { "count", "bias", "bias_median", "sigma_nmad", "outlier_fraction" })
        {
            t.AddColumn(new TableColumn(name).RightAligned());
        }

        foreach (var b in table.Bins)
        {
            var m = b.Metrics;
            t.AddRow(string.Create(CultureInfo.InvariantCulture, $"{b.Low:G3} – {b.High:G3}"),
                m.Count.ToString(CultureInfo.InvariantCulture), NumberText.Metric("bias", m.Bias),
                NumberText.Metric("bias_median", m.MedianBias), NumberText.Metric("sigma_nmad", m.SigmaNmad),
                NumberText.Metric("outlier_fraction", m.OutlierFraction));
        }

        return t;
    }
}
