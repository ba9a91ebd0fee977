namespace Astrograd.Tests.Cli;

public class CliAppTests
{
    [Fact]
    public void Version_prints_the_program_name_and_version()
    {
        var result = CliHarness.Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^astrograd \d+\.\d+\.\d+\r?\n$", result.Stdout);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public void Help_lists_the_graph_command_and_exits_zero()
    {
        var result = CliHarness.Run("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("graph", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("astrograd", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("astrograd: error:", "--no-such-option")]
    [InlineData("astrograd: error:", "no-such-command")]
    [InlineData("astrograd: error:")]
    [InlineData("astrograd graph: error:", "graph")]
    [InlineData("astrograd graph: error:", "graph", "x", "--unknown")]
    [InlineData("astrograd graph: error:", "graph", "x", "--at")]
    public void Usage_errors_exit_2_with_one_line_on_stderr(string prefix, params string[] args)
    {
        var result = CliHarness.Run(args);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(prefix, line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void An_unknown_option_is_named()
    {
        var result = CliHarness.Run("graph", "x", "--at", "x=1", "--colour");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'--colour'", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("astrograd train: error: unknown option '--lrr' (did you mean '--lr'?)", "train", "--lrr", "0.1")]
    [InlineData("astrograd train: error: unknown option '--lrr' (did you mean '--lr'?)", "train", "--lrr=0.1")]
    [InlineData("astrograd train: error: unknown option '--Epoch' (did you mean '--epochs'?)", "train", "--Epoch", "2")]
    [InlineData("astrograd predict: error: unknown option '--modle' (did you mean '--model'?)", "predict", "--modle",
        "run", "--data", "x.csv")]
    [InlineData("astrograd train: error: unknown option '--bogus' (see 'astrograd train --help')", "train",
        "--bogus")]
    [InlineData("astrograd: error: unknown command 'trian' (did you mean 'train'?); the commands are train, " +
        "lr-sweep, predict, evaluate, export, datasets, graph, search", "trian", "--lr", "0.1")]
    [InlineData("astrograd: error: unknown command 'nothing'; the commands are train, lr-sweep, predict, evaluate, " +
        "export, datasets, graph, search", "nothing")]
    [InlineData("astrograd graph: error: unexpected argument 'y' (see 'astrograd graph --help')", "graph", "x", "y",
        "--at", "x=1")]
    public void A_mistyped_option_or_command_is_one_line_with_the_nearest_name(string expected, params string[] args)
    {
        var result = CliHarness.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected + "\n", result.Stderr);
    }
}
