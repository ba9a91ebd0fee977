using System.IO.Compression;
using System.Text;
using Astrograd.Data;

namespace Astrograd.Tests.Data;

// Headers and layouts of the real survey tables, read from excerpts in Data/Fixtures.
public class CsvReaderFixtureTests
{
    [Fact]
    public void PhotoZ_annz_comment_header_gives_the_eleven_names_without_type_prefixes()
    {
        var table = CsvReader.ReadFile(Fixtures.PhotoZHead);

        Assert.Equal(
            ["MAG_U", "MAGERR_U", "MAG_G", "MAGERR_G", "MAG_R", "MAGERR_R", "MAG_I", "MAGERR_I", "MAG_Z",
                "MAGERR_Z", "Z"],
            table.ColumnNames);
        Assert.Equal(5, table.RowCount);
        Assert.Equal(22.744637, table["MAG_U"].Numbers[0]);
        Assert.Equal(0.659822, table["Z"].Numbers[0]);
        Assert.Equal(21.765409, table["MAGERR_U"].Numbers[3]);
    }

    [Fact]
    public void Sdss17_crlf_header_gives_eighteen_columns_and_a_text_class()
    {
        var table = CsvReader.ReadFile(Fixtures.Sdss17Head);

        Assert.Equal(18, table.ColumnCount);
        Assert.Equal("obj_ID", table.ColumnNames[0]);
        Assert.Equal("fiber_ID", table.ColumnNames[17]);
        Assert.DoesNotContain(table.ColumnNames, n => n.Contains('\r'));
        Assert.Equal(13, table.RowCount);
        Assert.Equal(ColumnKind.Text, table["class"].Kind);
        Assert.Equal("GALAXY", table["class"].Texts[0]);
        Assert.Equal(["GALAXY", "QSO", "STAR"],
            table["class"].Texts.ToArray().Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(1.23766e18, table["obj_ID"].Numbers[0]);
        Assert.Equal(-7.90e-06, table["redshift"].Numbers[9]);
        Assert.Equal(171.0, table["fiber_ID"].Numbers[0]);
    }

    [Fact]
    public void Htru2_sample_has_its_header_and_class_balance()
    {
        var table = CsvReader.ReadFile(Fixtures.Htru2Sample);

        Assert.Equal(2000, table.RowCount);
        Assert.Equal(Datasets.Find("htru2").Columns, table.ColumnNames);
        Assert.Equal(183, table["class"].Numbers.ToArray().Count(v => v == 1));
        Assert.False(table.CountMissing().Any);
    }

    [Fact]
    public void Htru2_sample_with_cr_only_line_ends_and_no_final_newline_reads_the_same()
    {
        var lf = File.ReadAllText(Fixtures.Htru2Sample);
        var crOnly = lf.TrimEnd('\n').Replace('\n', '\r');
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(crOnly));

        var expected = CsvReader.ReadFile(Fixtures.Htru2Sample);
        var actual = CsvReader.Read(stream);

        Assert.Equal(expected.ColumnNames, actual.ColumnNames);
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (var c = 0; c < expected.ColumnCount; c++)
        {
            Assert.Equal(expected[c].Numbers.ToArray(), actual[c].Numbers.ToArray());
        }
    }

    [Fact]
    public void Gzip_file_is_read_when_its_name_ends_in_gz()
    {
        var path = Path.Combine(Path.GetTempPath(), $"astrograd-{Guid.NewGuid():N}.csv.gz");
        try
        {
            using (var file = File.Create(path))
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            {
                gzip.Write(Encoding.UTF8.GetBytes("x,y\n1,2\n"));
            }

            var table = CsvReader.ReadFile(path);

            Assert.Equal(2.0, table["y"].Numbers[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
