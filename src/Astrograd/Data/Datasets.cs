using System.Globalization;
using System.IO.Compression;

namespace Astrograd.Data;

/// <summary>
/// The real tables embedded in the library (gzip-compressed CSV), so that a user can train without
/// downloading anything. Each one's attribution is in <c>src/Astrograd/Data/Resources/</c>.
/// </summary>
public static class Datasets
{
    private const string ResourcePrefix = "Astrograd.Data.";

    private static readonly (DatasetInfo Info, string Resource)[] _embedded =
    [
        (new DatasetInfo(
            Name: "htru2",
            Description: "HTRU2 pulsar candidates (Parkes HTRU South survey): 8 statistics of the pulse profile " +
                "and DM-SNR curve; class 1 = pulsar, 0 = RFI/noise",
            Rows: 17_898,
            Columns:
            [
                "Profile_mean", "Profile_stdev", "Profile_skewness", "Profile_kurtosis",
                "DM_mean", "DM_stdev", "DM_skewness", "DM_kurtosis", "class",
            ],
            Target: "class",
            Task: "binary classification (1,639 pulsars, 16,259 non-pulsars)",
            Citation: "R. J. Lyon et al., MNRAS 459, 1104 (2016), doi:10.1093/mnras/stw656; " +
                "UCI Machine Learning Repository dataset 372 (HTRU2)",
            Licence: "CC BY 4.0 (UCI Machine Learning Repository)"),
            "htru2.csv.gz"),
    ];

    /// <summary>Every embedded table.</summary>
    public static IReadOnlyList<DatasetInfo> All { get; } = [.. _embedded.Select(e => e.Info)];

    /// <summary>The embedded table named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="DataException">No such table; the message lists the available names.</exception>
    public static DatasetInfo Find(string name) => Entry(name).Info;

    /// <summary>Reads the embedded table named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="DataException">No such table; the message lists the available names.</exception>
    public static DataTable Open(string name)
    {
        var (info, resource) = Entry(name);
        using var stream = typeof(Datasets).Assembly.GetManifestResourceStream(ResourcePrefix + resource)
            ?? throw new InvalidOperationException(
                $"Datasets: the resource '{ResourcePrefix}{resource}' is missing from the library build.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);

        var options = new CsvOptions
        {
            Delimiter = CsvDelimiter.Comma,
            HasHeader = false,
            ColumnNames = info.Columns,
        };
        var table = CsvReader.Read(gzip, options, $"{info.Name} (embedded)");

        // A packaging fault must not pass for data.
        if (table.RowCount != info.Rows)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Datasets: '{info.Name}' has {table.RowCount} rows, {info.Rows} expected; the resource is damaged."));
        }

        return table;
    }

    private static (DatasetInfo Info, string Resource) Entry(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var entry in _embedded)
        {
            if (string.Equals(entry.Info.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        throw new DataException(
            $"no embedded dataset named '{name}'; available: {string.Join(", ", _embedded.Select(e => e.Info.Name))}");
    }
}
