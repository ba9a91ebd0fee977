using Astrograd.Data;

namespace Astrograd.Tests.Data;

public class DatasetsTests
{
    [Fact]
    public void Htru2_is_listed_with_its_target_and_citation()
    {
        var info = Assert.Single(Datasets.All, d => d.Name == "htru2");

        Assert.Equal("class", info.Target);
        Assert.Equal(17_898, info.Rows);
        Assert.Equal(9, info.Columns.Count);
        Assert.Contains("Lyon", info.Citation, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedded_htru2_has_17898_rows_and_1639_pulsars()
    {
        var table = Datasets.Open("HTRU2");

        Assert.Equal(17_898, table.RowCount);
        Assert.Equal(
            ["Profile_mean", "Profile_stdev", "Profile_skewness", "Profile_kurtosis", "DM_mean", "DM_stdev",
                "DM_skewness", "DM_kurtosis", "class"],
            table.ColumnNames);
        Assert.Equal(1_639, table["class"].Numbers.ToArray().Count(v => v == 1));
        Assert.Equal(16_259, table["class"].Numbers.ToArray().Count(v => v == 0));
        Assert.False(table.CountMissing().Any);
        Assert.Equal(140.5625, table["Profile_mean"].Numbers[0]);
    }

    [Fact]
    public void Unknown_dataset_lists_the_available_ones()
    {
        var error = Assert.Throws<DataException>(() => Datasets.Open("sdss99"));

        Assert.Contains("available: htru2", error.Message, StringComparison.Ordinal);
    }
}
