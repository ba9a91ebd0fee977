using System.Text.Json.Nodes;
using Astrograd.Data;
using Astrograd.Data.Fits;

namespace Astrograd.Tests.Cli;

/// <summary>
/// A model trained on a named HDU records it in model.json ("hdu": index, name, the --hdu given), and predict and
/// evaluate read that HDU of a FITS file by default; --hdu still wins, and a model without the field reads the first
/// BINTABLE as before.
/// </summary>
public sealed class ModelHduTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    // HDU 1 'OTHER' (one column A), HDU 2 'SPECOBJ' (the HTRU2 table): the first BINTABLE is not the data.
    private string TwoTables(string csv, string name, string tableName = "SPECOBJ")
    {
        using var other = new MemoryStream();
        FitsWriter.Write(other, [FitsWriteColumn.Double("A", [1.0, 2.0, 3.0])], "OTHER");
        using var table = new MemoryStream();
        FitsWriter.Write(table, FitsWriter.ColumnsOf(CsvReader.ReadFile(csv)), tableName);

        // FitsWriter's primary HDU is one 2880-byte block: the second file's extension follows the first's.
        var path = _work.PathOf(name);
        File.WriteAllBytes(path, [.. other.ToArray(), .. table.ToArray().AsSpan(2880)]);
        return path;
    }

    private static JsonNode? Hdu(string run) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(run, "model.json")))!["hdu"];

    [Fact]
    public void Predict_and_evaluate_read_the_HDU_the_model_was_trained_on()
    {
        var csv = _work.Htru2(200);
        var fits = TwoTables(csv, "two.fits");
        var run = _work.Train(fits, "run", "--hdu", "specobj");

        var predicted = CliHarness.Run("predict", "--model", run, "--data", fits);
        var evaluated = CliHarness.Run("evaluate", "--model", run, "--data", fits, "--json");

        Assert.Equal("""{"index":2,"name":"SPECOBJ","given":"specobj"}""", Hdu(run)!.ToJsonString());
        Assert.True(predicted.ExitCode == 0, predicted.Stderr);
        Assert.Equal(CliHarness.Run("predict", "--model", run, "--data", csv).Stdout, predicted.Stdout);
        Assert.True(evaluated.ExitCode == 0, evaluated.Stderr);
        Assert.Equal(CliHarness.Run("evaluate", "--model", run, "--data", csv, "--json").Stdout, evaluated.Stdout);
    }

    [Fact]
    public void A_model_trained_by_HDU_number_reads_the_same_EXTNAME_where_it_has_moved()
    {
        var csv = _work.Htru2(200);
        var run = _work.Train(TwoTables(csv, "two.fits"), "run", "--hdu", "2");
        var moved = _work.PathOf("one.fits");
        using (var file = File.Create(moved))
        {
            FitsWriter.Write(file, FitsWriter.ColumnsOf(CsvReader.ReadFile(csv)), "SPECOBJ");
        }

        var predicted = CliHarness.Run("predict", "--model", run, "--data", moved);

        Assert.True(predicted.ExitCode == 0, predicted.Stderr);
        Assert.Equal(CliHarness.Run("predict", "--model", run, "--data", csv).Stdout, predicted.Stdout);
    }

    [Fact]
    public void An_explicit_hdu_wins_and_a_csv_table_ignores_the_models_HDU()
    {
        var csv = _work.Htru2(200);
        var fits = TwoTables(csv, "two.fits");
        var run = _work.Train(fits, "run", "--hdu", "SPECOBJ");

        var other = CliHarness.Run("predict", "--model", run, "--data", fits, "--hdu", "1");
        var fromCsv = CliHarness.Run("predict", "--model", run, "--data", csv);

        Assert.Equal(1, other.ExitCode);
        Assert.Contains("which the table lacks; available columns: A", other.Stderr, StringComparison.Ordinal);
        Assert.True(fromCsv.ExitCode == 0, fromCsv.Stderr);
    }

    [Fact]
    public void A_file_without_the_models_HDU_is_refused_naming_it()
    {
        var csv = _work.Htru2(200);
        var run = _work.Train(TwoTables(csv, "two.fits"), "run", "--hdu", "SPECOBJ");
        var renamed = TwoTables(csv, "renamed.fits", "OBJECTS");

        var result = CliHarness.Run("predict", "--model", run, "--data", renamed);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"astrograd predict: error: {renamed}: no EXTNAME 'SPECOBJ'; the file holds HDU 0 (primary, " +
            "no data), HDU 1 'OTHER' (BINTABLE, 3 rows of 8 bytes), HDU 2 'OBJECTS' (BINTABLE, 200 rows of 72 " +
            "bytes); the model was trained on EXTNAME 'SPECOBJ' (model.json 'hdu'): give --hdu N|NAME to read " +
            "another\n",
            result.Stderr);
    }

    [Fact]
    public void A_model_trained_without_hdu_or_written_before_the_field_reads_the_first_table()
    {
        var csv = _work.Htru2(200);
        var fits = TwoTables(csv, "two.fits");
        var single = _work.PathOf("one.fits");
        using (var file = File.Create(single))
        {
            FitsWriter.Write(file, FitsWriter.ColumnsOf(CsvReader.ReadFile(csv)), "FIRST");
        }

        var run = _work.Train(single, "run");
        var old = _work.Train(csv, "old");

        Assert.Equal("""{"index":1,"name":"FIRST"}""", Hdu(run)!.ToJsonString());
        Assert.Null(Hdu(old));
        Assert.Contains("available columns: A", CliHarness.Run("predict", "--model", run, "--data", fits).Stderr,
            StringComparison.Ordinal);
        Assert.Equal(0, CliHarness.Run("predict", "--model", old, "--data", single).ExitCode);
    }
}
