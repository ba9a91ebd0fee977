using System.Globalization;
using System.Text;
using Astrograd.Data;
using Astrograd.Data.Fits;

namespace Astrograd.Tests.Cli;

/// <summary>
/// predict --keep OBJID,RA,DEC: input columns copied in front of the predictions, CSV or FITS, exactly as the file
/// holds them, so that the predictions join back to the catalogue by identifier.
/// </summary>
public sealed class PredictKeepTests : IDisposable
{
    private const long FirstId = 1237648720693755918L;

    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    // 19-digit ids (beyond the 2^53 a double holds exactly), RA with 7 decimals, a name with a comma, a missing RA.
    private string Catalogue()
    {
        var sb = new StringBuilder("OBJID,RA,name,u,g,class\n");
        var rng = new Rng(21);
        for (var i = 0; i < 200; i++)
        {
            var u = rng.NextNormal();
            var g = rng.NextNormal();
            var ra = i == 3 ? string.Empty : (i * 1.7).ToString("F7", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture,
                $"{FirstId + (i * 13)},{ra},\"obj, {i}\",{u:F4},{g:F4},{(u + g > 0 ? 1 : 0)}\n");
        }

        return _work.Write("catalogue.csv", sb.ToString());
    }

    private string Train(string data) => _work.Train(data, "run", "--features", "u,g", "--target", "class");

    [Fact]
    public void Kept_columns_come_first_in_the_csv_exactly_as_the_file_holds_them()
    {
        var data = Catalogue();
        var run = Train(data);

        var plain = CliHarness.Run("predict", "--model", run, "--data", data);
        var kept = CliHarness.Run("predict", "--model", run, "--data", data, "--keep", "OBJID,RA,name,u");

        Assert.True(kept.ExitCode == 0, kept.Stderr);
        var lines = kept.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var predictions = plain.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(201, lines.Length);
        Assert.Equal("OBJID,RA,name,u," + predictions[0], lines[0]);
        Assert.StartsWith($"{FirstId},0.0000000,\"obj, 0\",", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{FirstId + (3 * 13)},,\"obj, 3\",", lines[4], StringComparison.Ordinal);
        Assert.EndsWith("," + predictions[5], lines[5], StringComparison.Ordinal);
        var back = CsvReader.Parse(kept.Stdout, new CsvOptions { TextColumns = [ColumnRef.FromName("OBJID")] });
        Assert.Equal((FirstId + (199 * 13)).ToString(CultureInfo.InvariantCulture), back["OBJID"].Texts[199]);
    }

    [Fact]
    public void Kept_columns_go_into_a_fits_table_as_64_bit_integers_numbers_and_text()
    {
        var data = Catalogue();
        var run = Train(data);
        var fits = _work.PathOf("predictions.fits");

        var result = CliHarness.Run("predict", "--model", run, "--data", data, "--keep", "OBJID,RA,name",
            "--out", fits);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var table = FitsReader.ReadFile(fits);
        Assert.Equal(['K', 'D', 'A'], table.Columns.Take(3).Select(c => c.Format.Code));
        Assert.Equal(["OBJID", "RA", "name", "class", "p_0", "p_1"], table.Table.ColumnNames);
        using var stream = File.OpenRead(fits);
        var exact = FitsReader.Read(stream, null, fits, ["OBJID"]).Table;
        Assert.Equal((FirstId + (7 * 13)).ToString(CultureInfo.InvariantCulture), exact["OBJID"].Texts[7]);
        Assert.True(double.IsNaN(table.Table["RA"].Numbers[3]));
        Assert.Equal("obj, 5", table.Table["name"].Texts[5]);
    }

    [Fact]
    public void A_fits_integer_identifier_keeps_every_digit()
    {
        var rows = Enumerable.Range(0, 120).ToArray();
        var ids = rows.Select(i => FirstId + (i * 13)).ToArray();
        var rng = new Rng(4);
        var u = rows.Select(_ => rng.NextNormal()).ToArray();
        var g = rows.Select(_ => rng.NextNormal()).ToArray();
        var data = _work.PathOf("catalogue.fits");
        using (var file = File.Create(data))
        {
            FitsWriter.Write(file, [FitsWriteColumn.Int64("OBJID", ids), FitsWriteColumn.Double("u", u),
                FitsWriteColumn.Double("g", g),
                FitsWriteColumn.Int32("class", [.. rows.Select(i => u[i] + g[i] > 0 ? 1 : 0)])]);
        }

        var run = Train(data);

        var result = CliHarness.Run("predict", "--model", run, "--data", data, "--keep", "OBJID");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ids.Select(i => i.ToString(CultureInfo.InvariantCulture)),
            lines[1..].Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Keep_works_with_monte_carlo_dropout()
    {
        var data = Catalogue();
        var run = _work.Train(data, "run", "--features", "u,g", "--target", "class", "--dropout", "0.1");

        var result = CliHarness.Run("predict", "--model", run, "--data", data, "--keep", "OBJID", "--mc-samples", "3");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.StartsWith("OBJID,class,p_0_mean,", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OBJID,nope", 1, "--keep: {data}, column 'nope': no column named 'nope' to read as text; available " +
        "columns: OBJID, RA, name, u, g, class")]
    [InlineData("OBJID,OBJID", 2, "--keep: lists 'OBJID' 2 times; list each column once")]
    [InlineData("OBJID,,RA", 2, "--keep: 'OBJID,,RA' has an empty column name; give names such as OBJID,RA,DEC")]
    [InlineData("class", 2, "--keep: column 'class' has the name of a prediction column, and the output's columns " +
        "must differ; leave it out (evaluate compares predictions with the true values)")]
    public void A_bad_keep_is_one_line(string keep, int code, string expected)
    {
        var data = Catalogue();
        var run = Train(data);
        var output = _work.PathOf("predictions.csv");

        var result = CliHarness.Run("predict", "--model", run, "--data", data, "--keep", keep, "--out", output);

        Assert.Equal(code, result.ExitCode);
        Assert.Equal($"astrograd predict: error: {expected.Replace("{data}", data, StringComparison.Ordinal)}\n",
            result.Stderr);
        Assert.False(File.Exists(output));
    }
}
