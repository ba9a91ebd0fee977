using System.IO.Compression;
using System.Text;
using Astrograd.Data;

namespace Astrograd.Tests.Data;

// CsvReader.ReadFile's byte count, which drives the command line's loading bar.
public sealed class CsvReaderProgressTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("astrograd-csv-progress-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Large enough for many reads of the reader's 64 KiB buffer.
    private static string Table()
    {
        var text = new StringBuilder("x,y\n");
        for (var i = 0; i < 40_000; i++)
        {
            text.Append(i).Append(",0.").Append(i % 97).Append('\n');
        }

        return text.ToString();
    }

    [Fact]
    public void Reported_bytes_grow_to_the_file_length_and_the_table_is_the_same()
    {
        // Arrange
        var path = Path.Combine(_folder, "t.csv");
        File.WriteAllText(path, Table());
        var reports = new List<long>();

        // Act
        var table = CsvReader.ReadFile(path, null, reports.Add);

        // Assert
        Assert.True(reports.Count > 2, $"{reports.Count} reports");
        Assert.Equal(reports.Order(), reports);
        Assert.Equal(new FileInfo(path).Length, reports[^1]);
        Assert.Equal(CsvReader.ReadFile(path).RowCount, table.RowCount);
        Assert.Equal(40_000, table.RowCount);
    }

    [Fact]
    public void A_gzip_file_reports_its_compressed_bytes()
    {
        var path = Path.Combine(_folder, "t.csv.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Table()));
        }

        var reports = new List<long>();

        var table = CsvReader.ReadFile(path, null, reports.Add);

        Assert.Equal(40_000, table.RowCount);
        Assert.Equal(new FileInfo(path).Length, reports[^1]);
    }
}
