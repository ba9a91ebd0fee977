using System.CommandLine;
using Astrograd.Cli;
using Astrograd.Cli.Commands;
using Astrograd.Cli.Configuration;

namespace Astrograd.Tests.Cli.Configuration;

/// <summary>
/// Config handling knows no option by name: an option a command gains is a key of its configuration file and a
/// line of the recorded config.toml at once, whatever its type.
/// </summary>
public sealed class ConfiguredParseTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    // A command with options the real ones do not have, that records what it was given.
    private sealed class FitCommand : ICliCommand
    {
        public double ClipGradNorm { get; private set; }

        public string? Names { get; private set; }

        public bool Verbose { get; private set; }

        public string? Recorded { get; private set; }

        public Command Create(CliOutput output)
        {
            var clip = new Option<double>("--clip-grad-norm") { DefaultValueFactory = _ => 0 };
            var names = new Option<string?>("--names");
            var verbose = new Option<bool>("--verbose");
            var baseline = new Option<string?>("--baseline") { HelpName = "DIR" };
            var config = ConfiguredParse.Option();
            var command = new Command("fit") { clip, names, verbose, baseline, config };
            command.SetAction(typed => ConfiguredParse.Apply(typed, config).Run(parse =>
            {
                (ClipGradNorm, Names, Verbose) = (parse.GetValue(clip), parse.GetValue(names), parse.GetValue(verbose));
                Recorded = ResolvedConfig.Toml(parse, Path.Combine(Path.GetTempPath(), "run"));
                return 0;
            }));
            return command;
        }
    }

    [Fact]
    public void A_new_option_of_any_type_is_read_from_the_file_and_recorded_without_a_list_of_keys()
    {
        var config = _work.Write("fit.toml", "clip-grad-norm = 1.5\nnames = [\"u\", \"g\"]\nverbose = true\n" +
            "baseline = \"runs/old\"\n");
        var fit = new FitCommand();

        var result = CliHarness.Run([fit], "fit", "--config", config);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(1.5, fit.ClipGradNorm);
        Assert.Equal("u,g", fit.Names);
        Assert.True(fit.Verbose);
        var lines = fit.Recorded!.Split('\n');
        Assert.Contains("clip-grad-norm = 1.5", lines);
        Assert.Contains("names = \"u,g\"", lines);
        Assert.Contains("verbose = true", lines);
        var baseline = Assert.Single(lines, l => l.StartsWith("baseline = ", StringComparison.Ordinal));
        Assert.EndsWith("runs/old\"", baseline, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_for_a_new_option_names_its_key_and_line()
    {
        var config = _work.Write("fit.toml", "verbose = true\nclip-grad-norm = \"big\"\n");

        var result = CliHarness.Run([new FitCommand()], "fit", "--config", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{config}:2: key 'clip-grad-norm': ", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.03, "0.03")]
    [InlineData(1.0, "1.0")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NaN, "nan")]
    public void A_double_is_written_as_a_toml_float_that_reads_back_the_same(double value, string toml)
    {
        var written = ResolvedConfig.Value(value);

        Assert.Equal(toml, written);
        var document = Tomlyn.Parsing.SyntaxParser.Parse($"x = {written}\n", "x.toml", validate: true);
        Assert.False(document.HasErrors, document.Diagnostics.ToString());
        var read = Assert.IsType<Tomlyn.Syntax.FloatValueSyntax>(document.KeyValues.GetChild(0)!.Value);
        Assert.Equal(value, read.Value);
    }

    [Fact]
    public void Text_is_written_as_a_toml_string_with_escapes() =>
        Assert.Equal("\"a\\\"b\\\\c\\nd\\u0007\"", ResolvedConfig.Value("a\"b\\c\nd\u0007"));
}
