using System.Globalization;
using System.Text;
using System.Text.Json;
using Astrograd.Data;
using Astrograd.Runs;

namespace Astrograd.Tests.Runs;

/// <summary>--missing, --on-missing refuse|drop|impute, masked labels and --colors, through PreparedData and a
/// saved model.</summary>
public sealed class MissingPolicyTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "astrograd-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    // y = a + 2b + noise-free; a few cells missing: NaN in a (rows 4, 30), -9999 in b (row 11), a label NaN (row 7).
    private static DataTable Table(int rows = 120, string extra = "")
    {
        var sb = new StringBuilder("a,b,note,y\n");
        for (var i = 0; i < rows; i++)
        {
            var a = (i % 13) * 0.1;
            var b = (i % 7) * 0.2;
            var cellA = i is 3 or 29 ? "nan" : a.ToString("F2", CultureInfo.InvariantCulture);
            var cellB = i == 10 ? "-9999" : b.ToString("F2", CultureInfo.InvariantCulture);
            var note = i == 50 ? extra : "1";
            var y = i == 6 ? "" : (a + (2 * b)).ToString("F4", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"{cellA},{cellB},{note},{y}\n");
        }

        return CsvReader.Parse(sb.ToString(), new CsvOptions { DeferCellFaults = true }, "t.csv");
    }

    private static RunConfig Config => new()
    {
        Target = "y",
        Features = ["a", "b"],
        Missing = [-9999],
        Layers = [8],
        Epochs = 5,
        Task = Astrograd.Training.TaskKind.Regression,
    };

    [Fact]
    public void Refuse_names_each_column_its_kinds_and_its_first_rows()
    {
        var e = Assert.Throws<DataException>(() => PreparedData.From(Table(), Config));

        Assert.Equal("t.csv: missing feature values: 2 in 'a' (2 NaN; data rows 4, 30), 1 in 'b' (1 sentinel; " +
            "data row 11); 3 rows affected; pass --on-missing drop to leave those rows out, or --on-missing impute " +
            "to fill them with training medians", e.Message);
    }

    [Fact]
    public void Drop_leaves_out_the_rows_and_the_old_drop_missing_flag_does_the_same()
    {
        var dropped = PreparedData.From(Table(), Config with { OnMissing = MissingPolicy.Drop });
        var alias = PreparedData.From(Table(), Config with { DropMissing = true });

        Assert.Equal(3, dropped.DroppedRows);
        Assert.Equal(117, dropped.Split.Train.Length + dropped.Split.Validation.Length + dropped.Split.Test.Length);
        Assert.Equal(dropped.Split.Train, alias.Split.Train);
        Assert.Contains(dropped.Warnings, w => w.StartsWith("dropped 3 rows", StringComparison.Ordinal));
    }

    [Fact]
    public void Drop_missing_with_another_policy_is_refused_naming_both_options()
    {
        var e = Assert.Throws<RunConfigException>(() =>
            (Config with { DropMissing = true, OnMissing = MissingPolicy.Impute }).Validate());

        Assert.Equal("--drop-missing: is --on-missing drop, which contradicts --on-missing impute; give one of them",
            e.Message);
    }

    [Fact]
    public void Impute_fills_with_training_medians_and_adds_an_indicator_per_feature_missing_in_training_rows()
    {
        var data = PreparedData.From(Table(), Config with { OnMissing = MissingPolicy.Impute, Seed = 3 });
        var imputer = data.Recipe.Imputer!;

        var table = Sentinels.Replace(Table(), [1], [-9999]);
        var train = data.Split.Train;
        var expectedA = Imputer.Median([.. train.Select(r => table["a"].Numbers[r]).Where(double.IsFinite)]);
        Assert.Equal(expectedA, imputer.Medians[0]);
        var missingInTrain = new[] { 3, 29 }.Any(train.Contains);
        Assert.Equal(missingInTrain, imputer.HasIndicator[0]);
        Assert.Equal(["a", "b", .. imputer.IndicatorNames], data.Features);
        Assert.All(data.Train.Features, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void A_missing_label_is_kept_as_NaN_so_the_loss_masks_it_and_the_count_is_reported()
    {
        var data = PreparedData.From(Table(), Config with { OnMissing = MissingPolicy.Impute });

        var sets = new[] { data.Train, data.Validation!, data.Test! };
        Assert.Equal(1, sets.Sum(s => s.Targets!.Count(float.IsNaN)));
        Assert.Equal(1, data.UnlabelledRows);
        Assert.Contains("target 'y' has no value in 1 row (data row 7); they are masked out of the loss and the " +
            "metrics", data.Warnings);
    }

    [Fact]
    public void A_column_of_sentinels_only_is_no_default_feature_but_is_refused_by_name()
    {
        var rows = string.Concat(Enumerable.Range(0, 30).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{i * 0.1},-9999,{i % 5}\n")));
        var table = CsvReader.Parse("a,b,y\n" + rows, source: "t.csv");
        var config = Config with { Missing = [-9999], Task = Astrograd.Training.TaskKind.Regression, Features = null };

        var data = PreparedData.From(table, config);
        var e = Assert.Throws<DataException>(() => PreparedData.From(table, config with { Features = ["a", "b"] }));

        Assert.Equal(["a"], data.Features);
        Assert.Contains("column 'b' has no value in any of the 30 rows; it is left out", data.Warnings);
        Assert.Equal("t.csv, column 'b': --features names a column that has no value in any of the 30 rows; leave it " +
            "out of --features", e.Message);
    }

    [Fact]
    public void A_target_without_any_value_is_refused()
    {
        var table = CsvReader.Parse("a,y\n1,nan\n2,-9999\n3,\n", source: "t.csv");

        var e = Assert.Throws<DataException>(() => PreparedData.From(table, Config with { Features = ["a"] }));

        Assert.Equal("t.csv, column 'y': the target has no value in any of the 3 rows; choose another --target",
            e.Message);
    }

    [Fact]
    public void A_bad_cell_in_an_unused_column_does_not_block_training_but_one_in_a_feature_does()
    {
        var ok = PreparedData.From(Table(extra: "oops"), Config with { OnMissing = MissingPolicy.Drop });
        var e = Assert.Throws<DataException>(() => PreparedData.From(Table(extra: "oops"),
            Config with { OnMissing = MissingPolicy.Drop, Features = ["a", "b", "note"] }));
        var byDefault = PreparedData.From(Table(extra: "oops"),
            Config with { OnMissing = MissingPolicy.Drop, Features = null });

        Assert.Equal(["a", "b"], ok.Features);
        Assert.Equal("t.csv, line 52, column 'note': expected a number (the column is numeric from line 2), found " +
            "'oops'; fix the cell, or leave it empty or NaN to mark it missing", e.Message);
        Assert.Equal(["a", "b"], byDefault.Features);
        Assert.Contains(byDefault.Warnings, w => w.StartsWith("column 'note' is left out", StringComparison.Ordinal));
    }

    [Fact]
    public void The_recipe_round_trips_through_model_json_and_predict_imputes_exactly_as_training_did()
    {
        var dir = Path.Combine(_root, "run");
        var config = Config with { OnMissing = MissingPolicy.Impute, Missing = [-9999, -99] };

        var run = TrainingRun.Run(Table(), config, dir);
        var loaded = TrainedModel.Load(dir);
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, TrainedModel.CardFile)));
        var pre = card.RootElement.GetProperty("preprocessing");

        Assert.Equal("impute", pre.GetProperty("on_missing").GetString());
        Assert.Equal([-9999.0, -99], pre.GetProperty("sentinels").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(run.Data.Recipe.Imputer!.Medians, loaded.Recipe.Imputer!.Medians);
        Assert.Equal(run.Data.Features, loaded.Card.Features);

        // A raw row with a NaN and a sentinel predicts as the same row with the medians written in by hand.
        var medians = loaded.Recipe.Imputer.Medians;
        var raw = CsvReader.Parse("a,b\nnan,-9999\n0.5,0.4\n");
        var hand = CsvReader.Parse(string.Create(CultureInfo.InvariantCulture,
            $"a,b,a_missing,b_missing\n{medians[0]:R},{medians[1]:R},1,1\n0.5,0.4,0,0\n"));
        var fromRaw = loaded.PredictRaw(raw, out var imputed);
        var features = loaded.Card.Features.Select(f => hand.IndexOf(ColumnRef.FromName(f))).ToArray();
        var fromHand = Astrograd.Training.Evaluation.Forward(loaded.Network,
            TrainedModel.Standardize(hand, features, loaded.Scaler), features.Length);

        Assert.Equal(2, imputed);
        Assert.Equal(fromHand, fromRaw);
    }

    [Fact]
    public void A_model_trained_to_refuse_refuses_a_prediction_row_with_a_missing_value_naming_it()
    {
        var dir = Path.Combine(_root, "refuse");
        TrainingRun.Run(Table(), Config with { OnMissing = MissingPolicy.Drop }, dir);
        var model = TrainedModel.Load(dir);

        var e = Assert.Throws<DataException>(() => model.PredictRaw(CsvReader.Parse("a,b\n1,2\n3,-9999\n",
            source: "p.csv")));

        Assert.Equal("p.csv: missing feature values: 1 in 'b' (1 sentinel; data row 2); 1 row affected; the model " +
            "was trained with --on-missing drop, but predict writes one row per input row; fix or remove those " +
            "rows, or train with --on-missing impute", e.Message);
    }

    [Fact]
    public void Colours_replace_their_bands_and_are_re_derived_at_prediction()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", "photoz_boss_dr10_60rows.csv");
        var table = CsvReader.ReadFile(path);
        var dir = Path.Combine(_root, "colors");
        var config = new RunConfig
        {
            Target = "Z",
            Features = ["MAG_R"],
            Colors = ["MAG_U", "MAG_G", "MAG_R", "MAG_I", "MAG_Z"],
            Layers = [8],
            Epochs = 5,
        };

        var run = TrainingRun.Run(table, config, dir);
        var model = TrainedModel.Load(dir);

        Assert.Equal(["MAG_U-MAG_G", "MAG_G-MAG_R", "MAG_R-MAG_I", "MAG_I-MAG_Z", "MAG_R"], run.Data.Features);
        Assert.Equal(config.Colors, model.Card.Preprocessing!.Colors);
        var row = table.SelectRows([0]);
        var u = row["MAG_U"].Numbers[0];
        var g = row["MAG_G"].Numbers[0];
        var derived = model.Recipe.ForPrediction(row, model.Card.Features);
        Assert.Equal(u - g, derived.Table["MAG_U-MAG_G"].Numbers[0]);
        Assert.Single(model.PredictRaw(row));
    }
}
