using System.Text.Json;
using Astrograd.Cli;
using Astrograd.Cli.Commands;
using Spectre.Console.Testing;

namespace Astrograd.Tests.Cli.Configuration;

/// <summary><c>astrograd train --config run.toml</c> and the <c>config.toml</c> every run directory records.
/// </summary>
public sealed class TrainConfigTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    private static JsonElement Card(string run) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "model.json"))).RootElement;

    private static JsonElement Metrics(string run) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json"))).RootElement;

    private CliResult Train(params string[] args) => CliHarness.Run(["train", "--json", "--no-plots", .. args]);

    [Fact]
    public void A_config_file_sets_the_options_and_its_relative_data_path_is_read_from_its_own_folder()
    {
        _work.Htru2(200, "tables/htru2.csv");
        var config = _work.Write("configs/run.toml", """
            # a tiny run
            data = "../tables/htru2.csv"
            layers = [6, 4]
            epochs = 3
            lr = 0.05
            optimizer = "adam"
            drop-missing = true
            """);

        var result = Train("--config", config, "--out", _work.PathOf("run"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        var card = Card(_work.PathOf("run"));
        Assert.Equal([6, 4], card.GetProperty("architecture").GetProperty("hidden").EnumerateArray()
            .Select(e => e.GetInt32()));
        var metrics = Metrics(_work.PathOf("run"));
        Assert.Equal(3, metrics.GetProperty("epochs").GetInt32());
        Assert.Equal(0.05, metrics.GetProperty("learning_rate").GetDouble());
        Assert.Equal("adam", metrics.GetProperty("optimizer").GetString());
    }

    [Fact]
    public void An_option_given_on_the_command_line_wins_over_the_file()
    {
        var config = _work.Write("run.toml", $"data = \"{_work.Htru2(200).Replace("\\", "/")}\"\n" +
            "layers = \"8\"\nepochs = 4\nlr = 0.05\n");

        var result = Train("--config", config, "--epochs", "2", "--out", _work.PathOf("run"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        var metrics = Metrics(_work.PathOf("run"));
        Assert.Equal(2, metrics.GetProperty("epochs").GetInt32());
        Assert.Equal(0.05, metrics.GetProperty("learning_rate").GetDouble());
    }

    [Fact]
    public void A_run_replayed_from_its_config_toml_has_the_same_weights_bit_for_bit()
    {
        var data = _work.Multiclass();
        var first = _work.PathOf("runs/first");
        var trained = Train("--data", data, "--layers", "8,4", "--epochs", "6", "--seed", "7", "--lr", "0.07",
            "--optimizer", "adamw", "--weight-decay", "0.01", "--schedule", "cosine", "--dropout", "0.1",
            "--out", first);
        Assert.True(trained.ExitCode == 0, trained.Stderr);

        var second = _work.PathOf("runs/second");
        var replayed = Train("--config", Path.Combine(first, "config.toml"), "--out", second);

        Assert.True(replayed.ExitCode == 0, replayed.Stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "weights.safetensors")),
            File.ReadAllBytes(Path.Combine(second, "weights.safetensors")));
        Assert.Equal(File.ReadAllText(Path.Combine(first, "config.toml")),
            File.ReadAllText(Path.Combine(second, "config.toml")));
    }

    [Fact]
    public void Config_toml_records_every_option_of_train_with_defaults_and_the_seed()
    {
        var run = _work.PathOf("runs/default");
        var result = Train("--data", _work.Htru2(200), "--layers", "8", "--epochs", "2", "--out", run);
        Assert.True(result.ExitCode == 0, result.Stderr);

        var lines = File.ReadAllLines(Path.Combine(run, "config.toml"));

        Assert.Contains("seed = 42", lines);
        Assert.Contains("lr = 0.03", lines);
        Assert.Contains("layers = \"8\"", lines);
        Assert.Contains("data = \"../../htru2.csv\"", lines);
        Assert.Contains("# target: not set", lines);
        var command = new TrainCommand().Create(new CliOutput(new TestConsole(), TextWriter.Null, TextWriter.Null));
        foreach (var option in command.Options.Where(o =>
            o.Name is not ("--config" or "--out" or "--json" or "--resume")))
        {
            var key = option.Name.TrimStart('-');
            Assert.True(lines.Any(l => l.StartsWith($"{key} = ", StringComparison.Ordinal)
                || l == $"# {key}: not set"), $"config.toml lacks {key}");
        }
    }

    [Fact]
    public void A_config_toml_of_an_older_version_listing_data_and_the_default_dataset_replays_on_its_data()
    {
        var data = _work.Htru2(200);
        var config = _work.Write("old.toml",
            "data = \"htru2.csv\"\ndataset = \"htru2\"\nlayers = \"4\"\nepochs = 2\n");
        var direct = _work.PathOf("direct");
        Assert.Equal(0, Train("--data", data, "--layers", "4", "--epochs", "2", "--out", direct).ExitCode);

        var replayed = Train("--config", config, "--out", _work.PathOf("replayed"));
        var mixed = Train("--config", config, "--dataset", "htru2", "--out", _work.PathOf("mixed"));

        Assert.True(replayed.ExitCode == 0, replayed.Stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(direct, "weights.safetensors")),
            File.ReadAllBytes(Path.Combine(_work.PathOf("replayed"), "weights.safetensors")));
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("--dataset: 'htru2' is an embedded table, but --data gives the file", mixed.Stderr,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("epochs = 2\nlrr = 0.1\n", "run.toml:2: unknown key 'lrr' (did you mean 'lr'?)")]
    [InlineData("epochs = 2\n\nlr = \"fast\"\n", "run.toml:3: key 'lr': expected a number such as 0.01, got 'fast'")]
    [InlineData("lr = -1\n", "run.toml:1: key 'lr': must be a finite number > 0, got -1")]
    [InlineData("epochs = 2\nlayers = [64, 0]\n", "run.toml:2: key 'layers': '0' is not a positive whole number")]
    [InlineData("[train]\nlr = 0.1\n", "run.toml:1: tables are not read; write every option as a top-level key")]
    [InlineData("when = 2026-12-04\n", "run.toml:1: unknown key 'when'")]
    [InlineData("lr = 2026-12-04\n", "run.toml:1: key 'lr': expected a number, text, true or false")]
    [InlineData("lr = 0.1\nlr = 0.2\n", "run.toml:2:")]
    [InlineData("lr = = 0.1\n", "run.toml:1:")]
    public void A_bad_key_or_value_is_a_usage_error_naming_the_file_line_and_key(string toml, string expected)
    {
        var config = _work.Write("run.toml", toml);

        var result = Train("--config", config, "--data", _work.Htru2(200), "--out", _work.PathOf("run"));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"astrograd train: error: {_work.Root}{Path.DirectorySeparatorChar}{expected}", line);
        Assert.False(Directory.Exists(_work.PathOf("run")));
    }

    [Theory]
    [InlineData("lr = 0.05\nlayers = [16\n",
        "run.toml:3: Unexpected end of the file. Expecting a closing `]` for an array")]
    [InlineData("lr = 0.05\n[x\n", "run.toml:2: Unexpected end of the line while expecting `]`")]
    public void A_file_that_is_not_toml_is_named_without_the_parser_token_kinds(string toml, string expected)
    {
        var config = _work.Write("run.toml", toml);

        var result = Train("--config", config, "--out", _work.PathOf("run"));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"astrograd train: error: {_work.Root}{Path.DirectorySeparatorChar}{expected}", line);
    }

    [Fact]
    public void A_missing_config_file_is_a_data_error()
    {
        var result = Train("--config", _work.PathOf("none.toml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"--config: file '{_work.PathOf("none.toml")}' does not exist", result.Stderr,
            StringComparison.Ordinal);
    }
}
