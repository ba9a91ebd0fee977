using System.Text.Json;
using Astrograd.Data.Fits;

namespace Astrograd.Tests.Cli;

/// <summary>
/// train, predict and evaluate on the astropy-written photo-z fixture with NaN floats, TNULL integers and -9999
/// sentinels (Data/Fits/Fixtures/photoz_missing.fits).
/// </summary>
public sealed class MissingValuesCliTests : IDisposable
{
    private static string Catalog => Path.Combine(AppContext.BaseDirectory, "Data", "Fits", "Fixtures",
        "photoz_missing.fits");

    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    private static string OneLine(string text) => text.Replace("\n", " ", StringComparison.Ordinal);

    [Fact]
    public void The_fixture_holds_NaN_floats_TNULL_integers_and_sentinels_as_astropy_wrote_them()
    {
        var table = FitsReader.ReadFile(Catalog).Table;

        Assert.Equal(60, table.RowCount);
        Assert.True(double.IsNaN(table["MAG_U"].Numbers[2]));
        Assert.Equal(-9999, table["MAG_U"].Numbers[5]);
        Assert.True(double.IsNaN(table["NOBS"].Numbers[4]));
        Assert.Equal(2, table["NOBS"].Numbers[5]);
        Assert.Equal(-9999, table["Z"].Numbers[9]);
    }

    [Fact]
    public void Train_imputes_the_catalogue_with_sentinels_colours_and_TNULL_and_predict_applies_the_same_recipe()
    {
        var run = _work.PathOf("run");

        var train = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", Catalog, "--target", "Z",
            "--features", "MAG_R,NOBS", "--colors", "MAG_U,MAG_G,MAG_R,MAG_I,MAG_Z", "--missing", "-9999",
            "--on-missing", "impute", "--out", run]));
        var predict = CliHarness.Run("predict", "--model", run, "--data", Catalog);

        Assert.True(train.ExitCode == 0, train.Stderr);
        var warnings = OneLine(train.Stderr);
        Assert.Contains("target 'Z' has no value in 2 rows (data rows 4, 10)", warnings, StringComparison.Ordinal);
        Assert.Contains("with training medians", warnings, StringComparison.Ordinal);
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "model.json")));
        var features = card.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Equal(["MAG_U-MAG_G", "MAG_G-MAG_R", "MAG_R-MAG_I", "MAG_I-MAG_Z", "MAG_R", "NOBS"], features[..6]);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        Assert.Equal(61, predict.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("NaN", predict.Stdout, StringComparison.Ordinal);
        Assert.Contains("imputed", predict.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_leaves_rows_without_a_true_value_out_of_the_metrics()
    {
        var run = _work.PathOf("run");
        var train = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", Catalog, "--target", "Z",
            "--missing", "-9999", "--on-missing", "impute", "--out", run]));

        var evaluate = CliHarness.Run("evaluate", "--model", run, "--data", Catalog, "--json");

        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        Assert.Contains("2 rows without a value of 'Z' are left out of the metrics", evaluate.Stderr,
            StringComparison.Ordinal);
        using var metrics = JsonDocument.Parse(evaluate.Stdout);
        Assert.True(double.IsFinite(metrics.RootElement.GetProperty("rmse").GetDouble()));
        Assert.Equal(58, metrics.RootElement.GetProperty("count").GetDouble());
    }

    [Fact]
    public void Rows_without_a_redshift_leave_the_per_bin_table_of_train_and_evaluate_in_place()
    {
        var run = _work.PathOf("run");
        var train = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", Catalog, "--target", "Z",
            "--missing", "-9999", "--on-missing", "impute", "--test", "0.5", "--seed", "1", "--out", run]));

        var evaluate = CliHarness.Run("evaluate", "--model", run, "--data", Catalog);

        Assert.True(train.ExitCode == 0, train.Stderr);
        using (var split = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "split.json"))))
        {
            // Seed 1 puts both unlabelled rows (0-based 3 and 9) among the test rows.
            var test = split.RootElement.GetProperty("test").EnumerateArray().Select(e => e.GetInt32()).ToList();
            Assert.Contains(3, test);
            Assert.Contains(9, test);
        }

        Assert.Contains("test redshift metrics per bin of true Z", train.Console, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "redshift_bins.csv")));
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        Assert.Contains("redshift metrics per bin of true Z", evaluate.Console, StringComparison.Ordinal);
        var counted = File.ReadAllLines(Path.Combine(run, "redshift_bins.csv")).Skip(1)
            .Sum(l => int.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture));
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        Assert.Equal(metrics.RootElement.GetProperty("metrics").GetProperty("count").GetDouble(), counted);
    }

    [Fact]
    public void Refuse_is_the_default_and_names_the_columns_and_rows()
    {
        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", Catalog, "--target", "Z",
            "--features", "MAG_U,MAG_G,NOBS", "--missing", "-9999", "--out", _work.PathOf("run")]));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing feature values: 3 in 'MAG_U' (2 NaN, 1 sentinel; data rows 3, 6, 9), 2 in " +
            "'MAG_G' (2 sentinels; data rows 6, 14), 2 in 'NOBS' (2 NaN; data rows 5, 18); 6 rows affected",
            OneLine(result.Stderr), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stray_word_in_an_unused_csv_column_does_not_block_training()
    {
        var lines = File.ReadAllLines(_work.Regression(60)).ToList();
        lines[0] += ",comment";
        for (var i = 1; i < lines.Count; i++)
        {
            lines[i] += i == 5 ? ",n/a" : ",1";
        }

        var data = _work.Write("stray.csv", string.Join('\n', lines) + "\n");

        var result = CliHarness.Run(CliWorkspace.WithTiny(["train", "--data", data, "--target", "z",
            "--features", "x,w", "--out", _work.PathOf("run")]));

        Assert.True(result.ExitCode == 0, result.Stderr);
    }
}
