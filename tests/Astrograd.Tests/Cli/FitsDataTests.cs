using System.Globalization;
using System.Text.Json;
using Astrograd.Data;
using Astrograd.Data.Fits;

namespace Astrograd.Tests.Cli;

/// <summary>train, predict and evaluate on FITS tables: detection, --hdu, warnings, and FITS predictions.</summary>
public sealed class FitsDataTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    /// <summary>The CSV table as a FITS file (numbers as D, text as A) in the workspace.</summary>
    private string ToFits(string csv, string name, string? extensionName = null)
    {
        var path = _work.PathOf(name);
        using var file = File.Create(path);
        FitsWriter.Write(file, FitsWriter.ColumnsOf(CsvReader.ReadFile(csv)), extensionName);
        return path;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Train_reads_a_fits_table_and_names_its_HDU()
    {
        var data = ToFits(_work.Htru2(), "htru2.fits", "HTRU2");

        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", data, "--out", _work.PathOf("run")]));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("HDU 1 'HTRU2'", result.All.Replace("\n", string.Empty, StringComparison.Ordinal),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Train_reads_the_astropy_written_HTRU2_fixture_and_finds_the_class_target()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "Data", "Fits", "Fixtures", "htru2_40rows.fits");

        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", data, "--out", _work.PathOf("run"),
            "--json"]));

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var summary = JsonDocument.Parse(result.Stdout);
        Assert.Equal("class", summary.RootElement.GetProperty("target").GetString());
    }

    [Theory]
    [InlineData("table.FITS")]
    [InlineData("table.fit")]
    [InlineData("table.fts")]
    [InlineData("table.dat")]
    public void A_fits_file_is_recognised_by_its_name_in_any_case_or_by_its_first_card(string name)
    {
        var data = ToFits(_work.Htru2(), name);

        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", data, "--out", _work.PathOf("run"),
            "--json"]));

        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    [Fact]
    public void Train_and_evaluate_on_fits_give_the_metrics_of_the_same_table_as_csv()
    {
        var csv = _work.Htru2();
        var fits = ToFits(csv, "htru2.fits");
        var run = _work.Train(csv, "run");

        var fromCsv = CliHarness.Run("evaluate", "--model", run, "--data", csv, "--json");
        var fromFits = CliHarness.Run("evaluate", "--model", run, "--data", fits, "--json");

        Assert.Equal(0, fromFits.ExitCode);
        Assert.Equal(fromCsv.Stdout, fromFits.Stdout);
    }

    [Fact]
    public void Hdu_selects_a_table_by_index_or_name()
    {
        var csv = _work.Htru2();
        var run = _work.Train(csv, "run");
        var fits = ToFits(csv, "htru2.fits", "PULSARS");

        var byIndex = CliHarness.Run("predict", "--model", run, "--data", fits, "--hdu", "1");
        var byName = CliHarness.Run("predict", "--model", run, "--data", fits, "--hdu", "pulsars");

        Assert.Equal(0, byIndex.ExitCode);
        Assert.Equal(CliHarness.Run("predict", "--model", run, "--data", csv).Stdout, byIndex.Stdout);
        Assert.Equal(byIndex.Stdout, byName.Stdout);
    }

    [Theory]
    [InlineData("7", "--hdu: {fits}: no HDU 7; the file holds HDU 0 (primary, no data), HDU 1 (BINTABLE, 400 rows")]
    [InlineData("0", "--hdu: {fits}: HDU 0 (primary, no data) is not a BINTABLE extension; the file's tables: HDU 1")]
    [InlineData("-2", "--hdu: '-2' is not an HDU index; expected 0 (the primary HDU), 1 (the first extension), ...")]
    public void A_bad_hdu_is_a_usage_error_in_one_line_naming_the_option(string hdu, string expected)
    {
        var fits = ToFits(_work.Htru2(), "htru2.fits");

        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", fits, "--hdu", hdu]));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.StartsWith($"astrograd train: error: {expected.Replace("{fits}", fits, StringComparison.Ordinal)}",
            line, StringComparison.Ordinal);
    }

    [Fact]
    public void Hdu_with_a_csv_file_or_without_data_is_a_usage_error()
    {
        var csv = _work.Htru2();

        var withCsv = CliHarness.Run("train", "--data", csv, "--hdu", "1");
        var withoutData = CliHarness.Run("train", "--hdu", "1");

        Assert.Equal(2, withCsv.ExitCode);
        Assert.Contains($"--hdu: '{csv}' is read as CSV", withCsv.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, withoutData.ExitCode);
        Assert.Contains("--hdu: selects an HDU of a FITS --data file", withoutData.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_writes_a_fits_table_when_out_ends_in_fits()
    {
        var csv = _work.Htru2();
        var run = _work.Train(csv, "run");
        var outFile = _work.PathOf("predictions.fits");

        var result = CliHarness.Run("predict", "--model", run, "--data", csv, "--out", outFile);

        Assert.Equal(0, result.ExitCode);
        var written = FitsReader.ReadFile(outFile);
        Assert.Equal("PREDICTIONS", written.Hdu.Name);
        Assert.Equal(["class", "p_0", "p_1"], written.Table.ColumnNames);
        Assert.Equal(400, written.Table.RowCount);
        var csvLines = Lines(CliHarness.Run("predict", "--model", run, "--data", csv).Stdout);
        for (var r = 0; r < 400; r++)
        {
            var cells = csvLines[r + 1].Split(',');
            Assert.Equal(cells[0], written.Table["class"].Texts[r]);
            Assert.Equal(double.Parse(cells[2], CultureInfo.InvariantCulture), written.Table["p_1"].Numbers[r]);
        }
    }

    [Fact]
    public void Predict_writes_a_regression_fits_table_with_the_target_name()
    {
        var csv = _work.Regression();
        var run = _work.Train(csv, "run");
        var outFile = _work.PathOf("z.fits");

        var result = CliHarness.Run("predict", "--model", run, "--data", csv, "--out", outFile);

        Assert.Equal(0, result.ExitCode);
        var table = FitsReader.ReadFile(outFile).Table;
        Assert.Equal(["z"], table.ColumnNames);
        Assert.Equal(200, table.RowCount);
    }

    [Fact]
    public void Fits_reader_warnings_are_printed_as_warning_lines()
    {
        var fits = ToFits(_work.Htru2(), "htru2.fits");
        File.AppendAllText(fits, new string('\0', 2880));

        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", fits, "--out", _work.PathOf("run"),
            "--json"]));

        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(Lines(result.Stderr), l => l.Contains("zero bytes", StringComparison.Ordinal));
        Assert.StartsWith($"astrograd train: warning: {fits}: 2880 zero bytes after the last HDU", warning,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Train_on_a_fits_table_of_zero_rows_says_no_data_rows_in_one_line()
    {
        var path = _work.PathOf("empty.fits");
        using (var file = File.Create(path))
        {
            FitsWriter.Write(file, [FitsWriteColumn.Double("x", []), FitsWriteColumn.Text("class", [])]);
        }

        var result = CliHarness.Run("train", "--data", path, "--out", _work.PathOf("run"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"astrograd train: error: {path}: no data rows", Assert.Single(Lines(result.Stderr)));
    }

    [Fact]
    public void A_damaged_fits_file_is_one_line_naming_the_file_and_the_HDU()
    {
        var fits = ToFits(_work.Htru2(), "htru2.fits");
        var bytes = File.ReadAllBytes(fits);
        File.WriteAllBytes(fits, bytes[..(2 * 2880 + 100)]);

        var result = CliHarness.Run("evaluate", "--model", _work.Train(_work.Htru2(), "run"), "--data", fits);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"astrograd evaluate: error: {fits}: HDU 1: the table needs 28800 bytes from byte 5760, " +
            "the file holds 100", Assert.Single(Lines(result.Stderr)), StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_compressed_fits_is_refused_in_one_line()
    {
        var path = _work.Write("t.fits.gz", "not really gzip");

        var result = CliHarness.Run("train", "--data", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is gzip-compressed FITS, which is not read; unpack it first", result.Stderr,
            StringComparison.Ordinal);
    }
}
