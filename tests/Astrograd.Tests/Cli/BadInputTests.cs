namespace Astrograd.Tests.Cli;

/// <summary>A tiny HTRU2 model, trained once for all the predict and evaluate refusals.</summary>
public sealed class TrainedHtru2Fixture : IDisposable
{
    private readonly CliWorkspace _work = new();

    public TrainedHtru2Fixture()
    {
        Data = _work.Htru2(200);
        Run = _work.Train(Data, "run");
    }

    public string Data { get; }

    public string Run { get; }

    public void Dispose() => _work.Dispose();
}

/// <summary>
/// Every bad input gives one line on stderr, <c>astrograd &lt;command&gt;: error: ...</c>, that names the option or
/// the file with its line and column, exit code 2 (usage) or 1 (data), no stack trace, and leaves nothing behind:
/// no run directory, no <c>.partial</c> folder, and a taken --out untouched.
/// </summary>
public sealed class BadInputTests : IDisposable, IClassFixture<TrainedHtru2Fixture>
{
    private const string Good = "{dir}/good.csv";

    private readonly CliWorkspace _work = new();
    private readonly TrainedHtru2Fixture _model;

    public BadInputTests(TrainedHtru2Fixture model)
    {
        _model = model;
        _work.Htru2(60, "good.csv");
        _work.Write("empty.csv", "");
        _work.Write("header.csv", "a,b,c\n");
        _work.Write("ragged.csv", "a,b,c\n1,2,0\n3,4,1\n5,6\n7,8,1\n");
        _work.Write("text.csv", "a,b,c\n1,2,0\n3,abc,1\n5,6,1\n");
        _work.Write("nan.csv", Rows(40, i => i == 5 ? "nan,0.5,1" : i == 9 ? "0.25,inf,0" : null));
        _work.Write("one.csv", Rows(40, i => $"{i},{i % 7},1"));
        _work.Write("few.csv", "a,b,c\n1,2,0\n3,4,1\n5,6,0\n");
        _work.Write("two.csv", "a,b,c\n1,2,0.5\n3,4,1.5\n");
        _work.Write("label.csv", Rows(40, i => $"{i},{(i % 2 == 0 ? "red" : "blue")},{i % 2}", "a,colour,c"));
        _work.Write("lacking.csv", "Profile_mean,DM_mean,class\n1,2,0\n3,4,1\n");
        _work.Write("taken/keep.txt", "precious");
        _work.Write("afile", "not a directory");
        var lines = File.ReadAllLines(_model.Data);
        lines[2] = lines[2][..lines[2].LastIndexOf(',')] + ",7";
        _work.Write("strange.csv", string.Join('\n', lines) + "\n");
    }

    public void Dispose() => _work.Dispose();

    // "a,b,c" and rows "x,y,class" (a default, or what the function gives for row i).
    private static string Rows(int count, Func<int, string?> row, string header = "a,b,c") =>
        header + "\n" + string.Join('\n', Enumerable.Range(0, count)
            .Select(i => row(i) ?? FormattableString.Invariant($"{i * 0.1:F2},{(i % 5) * 0.2:F2},{i % 2}"))) + "\n";

    private string Expand(string text) =>
        text.Replace("{dir}", _work.Root, StringComparison.Ordinal)
            .Replace("{run}", _model.Run, StringComparison.Ordinal)
            .Replace("{model-data}", _model.Data, StringComparison.Ordinal);

    private string NewRun => _work.PathOf("runs/new");

    public static TheoryData<string[], string[]> UsageErrors => new()
    {
        { ["--data", Good, "--lr", "-1"], ["--lr: must be a finite number > 0, got -1"] },
        { ["--data", Good, "--lr", "abc"], ["--lr: expected a number", "got 'abc'"] },
        { ["--data", Good, "--lr", "0,01"], ["--lr: expected a number", "got '0,01'"] },
        { ["--data", Good, "--layers", "64,x"], ["--layers: 'x' is not a positive whole number"] },
        { ["--data", Good, "--layers", "8,-2"], ["--layers: '-2'"] },
        { ["--data", Good, "--layers", ""], ["--layers: is empty", "0 (also written none) for a linear model"] },
        { ["--data", Good, "--layers", " "], ["--layers: is empty"] },
        { ["--data", Good, "--dataset", "htru2"], ["--dataset: 'htru2' is an embedded table, but --data gives"] },
        { ["--data", Good, "--val", "0.9", "--test", "0.2"], ["--val: 0.9 with --test 0.2 leaves no training rows"] },
        { ["--data", Good, "--test", "1"], ["--test: must be in [0, 1), got 1"] },
        { ["--data", Good, "--momentum", "1"], ["--momentum: must be in [0, 1), got 1"] },
        { ["--data", Good, "--dropout", "-0.1"], ["--dropout: must be in [0, 1), got -0.1"] },
        { ["--data", Good, "--batch", "0"], ["--batch: must be a whole number >= 1, got 0"] },
        { ["--data", Good, "--epochs", "2.5"], ["--epochs: expected a whole number, got '2.5'"] },
        { ["--data", Good, "--patience", "-1"], ["--patience: must be a whole number >= 0"] },
        { ["--data", Good, "--seed", "-1"], ["--seed: expected a whole number >= 0, got '-1'"] },
        { ["--data", Good, "--activation", "nope"], ["--activation: 'nope' is not an activation", "tanh"] },
        { ["--data", Good, "--loss", "nope"], ["--loss: 'nope' is not a loss", "bce"] },
        { ["--data", Good, "--loss", "l2"], ["--loss: 'l2' does not fit the binary task of target 'class'", "bce"] },
        { ["--data", Good, "--task", "nope"], ["--task: 'nope' is not a task", "regression"] },
        { ["--dataset", "nope"], ["--dataset: no embedded dataset named 'nope'", "htru2"] },
        { ["--data", Good, "--bogus"], ["'--bogus'"] },
        { ["--data", Good, "--target", ""], ["--target: is empty; give a column name or 0-based index"] },
        { ["--data", Good, "--features", "Profile_mean,,DM_mean"], ["--features: has an empty entry"] },
        { ["--data", Good, "--features", "DM_mean,4"], ["--features: column 'DM_mean' is listed 2 times"] },
        { ["--data", Good, "--out", ""], ["--out: is empty"] },
        { ["--data", Good, "--out", "{dir}/taken"], ["--out: '{dir}/taken' already exists and is not empty"] },
        { ["--data", Good, "--out", "{dir}/afile"], ["--out: '{dir}/afile' is a file"] },
    };

    public static TheoryData<string[], string[]> DataErrors => new()
    {
        { ["--data", "{dir}/missing.csv"], ["--data: file '{dir}/missing.csv' does not exist"] },
        { ["--data", "{dir}"], ["--data: '{dir}' is a directory; give a CSV or FITS file"] },
        { ["--data", "{dir}/empty.csv"], ["{dir}/empty.csv: no data rows: the input is empty"] },
        { ["--data", "{dir}/header.csv"], ["{dir}/header.csv: no data rows: only a header (line 1)"] },
        { ["--data", "{dir}/ragged.csv"], ["{dir}/ragged.csv, line 4: expected 3 cells as on line 1, found 2"] },
        {
            ["--data", "{dir}/text.csv", "--features", "a,b"],
            ["{dir}/text.csv, line 3, column 'b': expected a number", "found 'abc'"]
        },
        {
            ["--data", Good, "--target", "nope"],
            ["{dir}/good.csv, column 'nope': no column named 'nope'", "available columns: Profile_mean,", "class"]
        },
        { ["--data", Good, "--target", "12"], ["column '12'", "the table has 9 columns"] },
        {
            ["--data", "{dir}/nan.csv"],
            ["{dir}/nan.csv: missing feature values: 1 in 'a' (1 NaN; data row 6), 1 in 'b' (1 ±Inf; data row " +
                "10); 2 rows affected", "pass --on-missing drop"]
        },
        {
            ["--data", "{dir}/one.csv"],
            ["{dir}/one.csv, column 'c': the target holds one value (1) in all 40 rows", "--target"]
        },
        { ["--data", "{dir}/one.csv", "--task", "binary"], ["{dir}/one.csv, column 'c': the target holds one value"] },
        { ["--data", "{dir}/few.csv"], ["{dir}/few.csv: too few rows to split class '0' (2 members, 3 needed)"] },
        {
            ["--data", "{dir}/two.csv", "--task", "regression"],
            ["{dir}/two.csv: too few rows to split: 2 rows, 3 needed (one for training, one for validation and " +
                "one for " +
                "test)"]
        },
        {
            ["--data", "{dir}/label.csv", "--features", "a,colour"],
            ["{dir}/label.csv, column 'colour': feature column 'colour' holds text"]
        },
        {
            ["--data", "{dir}/label.csv", "--target", "colour", "--task", "regression"],
            ["column 'colour': target 'colour' holds text; a regression target must be numeric"]
        },
    };

    public static TheoryData<string, string[], int, string[]> ModelErrors => new()
    {
        {
            "predict", ["--model", "{dir}/nowhere", "--data", "{model-data}"], 1,
            ["--model: directory '{dir}/nowhere' does not exist"]
        },
        { "predict", ["--model", "{dir}/taken", "--data", "{model-data}"], 1, ["no model.json", "written by train"] },
        { "predict", ["--model", "{run}", "--data", "{dir}/missing.csv"], 1, ["--data: file '{dir}/missing.csv'"] },
        {
            "predict", ["--model", "{run}", "--data", "{dir}/lacking.csv"], 1,
            ["{dir}/lacking.csv: the model needs the feature columns 'Profile_stdev', 'Profile_skewness',",
                "available columns: Profile_mean, DM_mean, class"]
        },
        {
            "predict", ["--model", "{run}", "--data", "{model-data}", "--out", "{dir}/taken"], 2,
            ["--out: '{dir}/taken' is a directory"]
        },
        { "predict", ["--data", "{model-data}"], 2, ["'--model' is required"] },
        {
            "evaluate", ["--model", "{dir}/nowhere", "--data", "{model-data}"], 1,
            ["--model: directory '{dir}/nowhere' does not exist"]
        },
        {
            "evaluate", ["--model", "{run}", "--data", "{dir}/lacking.csv"], 1,
            ["{dir}/lacking.csv: the model needs the feature columns"]
        },
        {
            "evaluate", ["--model", "{run}", "--data", "{dir}/nan.csv"], 1,
            ["{dir}/nan.csv: the model's target column 'class' is missing", "available columns: a, b, c"]
        },
        {
            "evaluate", ["--model", "{run}", "--data", "{dir}/strange.csv"], 1,
            ["{dir}/strange.csv: ", "unknown class label '7' in data row 2", "known classes: 0, 1"]
        },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void A_bad_option_value_is_a_usage_error_named_in_one_line(string[] args, string[] fragments)
    {
        var result = Train(args);

        AssertOneErrorLine(result, "train", 2, fragments);
        AssertNothingWritten();
    }

    [Theory]
    [MemberData(nameof(DataErrors))]
    public void Bad_data_is_a_data_error_naming_the_file_and_place_in_one_line(string[] args, string[] fragments)
    {
        var result = Train(args);

        AssertOneErrorLine(result, "train", 1, fragments);
        AssertNothingWritten();
    }

    [Theory]
    [MemberData(nameof(ModelErrors))]
    public void Predict_and_evaluate_refuse_a_bad_model_or_table_in_one_line(
        string command, string[] args, int exitCode, string[] fragments)
    {
        var result = CliHarness.Run([command, .. args.Select(Expand)]);

        AssertOneErrorLine(result, command, exitCode, fragments);
        AssertNothingWritten();
    }

    private CliResult Train(string[] args)
    {
        // A fresh --out where the case gives none of its own.
        var expanded = args.Select(Expand).ToList();
        if (!expanded.Contains("--out"))
        {
            expanded.AddRange(["--out", NewRun]);
        }

        return CliHarness.Run(CliWorkspace.WithTiny(["train", .. expanded]));
    }

    private void AssertOneErrorLine(CliResult result, string command, int exitCode, string[] fragments)
    {
        Assert.True(exitCode == result.ExitCode, $"exit code {result.ExitCode}: {result.Stderr}");
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"astrograd {command}: error: ", line, StringComparison.Ordinal);
        foreach (var fragment in fragments)
        {
            Assert.Contains(Expand(fragment), line, StringComparison.Ordinal);
        }

        // Refused before any progress or table was shown; and never a stack trace.
        Assert.Empty(result.Stdout);
        Assert.Empty(result.Console);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }

    private void AssertNothingWritten()
    {
        Assert.False(Directory.Exists(NewRun), "a run directory was written");
        Assert.Empty(Directory.GetFileSystemEntries(_work.Root, "*partial*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFileSystemEntries(_work.Root, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(_work.PathOf("taken")).Select(Path.GetFileName));
        Assert.Equal("precious", File.ReadAllText(_work.PathOf("taken/keep.txt")));
        Assert.Equal("not a directory", File.ReadAllText(_work.PathOf("afile")));
        if (Directory.Exists(_work.PathOf("runs")))
        {
            Assert.Empty(Directory.GetFileSystemEntries(_work.PathOf("runs")));
        }
    }
}
