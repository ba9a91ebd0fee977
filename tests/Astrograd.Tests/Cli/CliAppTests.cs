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
}
