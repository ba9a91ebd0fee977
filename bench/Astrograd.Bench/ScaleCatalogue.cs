using System.Diagnostics;
using System.Globalization;
using System.Text;
using Astrograd.Data;

namespace Astrograd.Bench;

/// <summary>
/// `scale-csv PATH [ROWS]` writes a deterministic synthetic catalogue (11 photometric-looking features and a
/// redshift-like target, 12 columns, header line); `csv-load PATH` reads it with <see cref="CsvReader"/> and
/// prints rows, seconds and the process's peak resident memory. Used by bench/scale/run.sh.
/// </summary>
public static class ScaleCatalogue
{
    public const int DefaultRows = 5_000_000;

    private static readonly string[] _names =
        ["ra", "dec", "u", "g", "r", "i", "z", "err_u", "err_g", "err_r", "ebv", "redshift"];

    public static void Write(string[] args)
    {
        if (args.Length < 2)
        {
            throw new ArgumentException("usage: scale-csv PATH [ROWS]");
        }

        var rows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : DefaultRows;
        var clock = Stopwatch.StartNew();
        var rng = new Rng(20261204);
        using var file = new StreamWriter(args[1], append: false, new UTF8Encoding(false), 1 << 20);
        file.WriteLine(string.Join(',', _names));
        var line = new StringBuilder(160);
        Span<double> magnitudes = stackalloc double[5];
        for (var r = 0; r < rows; r++)
        {
            // A smooth colour-redshift relation plus noise, so a network has something to learn.
            var z = 0.05 + (0.95 * rng.NextDouble());
            var r0 = 17 + (4 * rng.NextDouble());
            for (var b = 0; b < magnitudes.Length; b++)
            {
                magnitudes[b] = r0 + ((2 - b) * (0.4 + (0.8 * z))) + (0.05 * rng.NextNormal());
            }

            line.Clear();
            var inv = CultureInfo.InvariantCulture;
            line.Append(inv, $"{360 * rng.NextDouble():F6},{(180 * rng.NextDouble()) - 90:F6}");
            foreach (var m in magnitudes)
            {
                line.Append(inv, $",{m:F4}");
            }

            line.Append(inv, $",{0.01 + (0.05 * rng.NextDouble()):F4},{0.01 + (0.03 * rng.NextDouble()):F4}");
            line.Append(inv, $",{0.01 + (0.02 * rng.NextDouble()):F4},{0.1 * rng.NextDouble():F4},{z:F5}");
            file.WriteLine(line);
        }

        Console.WriteLine(FormattableString.Invariant(
            $"wrote {rows} rows x {_names.Length} columns to {args[1]} in {clock.Elapsed.TotalSeconds:F1} s"));
    }

    public static void Load(string[] args)
    {
        if (args.Length < 2)
        {
            throw new ArgumentException("usage: csv-load PATH");
        }

        var clock = Stopwatch.StartNew();
        var table = CsvReader.ReadFile(args[1]);
        var seconds = clock.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        var peak = process.PeakWorkingSet64 / (1024.0 * 1024.0);
        var data = table.RowCount * (double)table.ColumnCount * sizeof(double) / (1024.0 * 1024.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"rows\":{table.RowCount},\"columns\":{table.ColumnCount},\"load_seconds\":{seconds:F2}," +
            $"\"peak_rss_mib\":{peak:F0},\"columns_mib\":{data:F0}}}"));
        GC.KeepAlive(table);
    }
}
