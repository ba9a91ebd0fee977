using System.Text.Json;
using Astrograd.Cli;
using Spectre.Console.Testing;

namespace Astrograd.Tests.Cli;

// The bar shown while a CSV --data file is read: on an interactive console only, never in --json output.
public sealed class LoadingProgressTests : IDisposable
{
    private readonly CliWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    private (int Code, string Console, string Stdout) Train(bool interactive, params string[] extra)
    {
        var console = new TestConsole().Width(CliHarness.Width);
        console.Profile.Capabilities.Interactive = interactive;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var args = CliWorkspace.WithTiny(["train", "--data", _work.Htru2(name: "pulsars.csv"), "--out",
            _work.PathOf("run"), "--no-plots", .. extra]);

        var code = CliApp.Run(args, console, stdout, stderr);

        return (code, console.Output, stdout.ToString());
    }

    [Fact]
    public void An_interactive_console_shows_the_file_being_read_up_to_100_percent()
    {
        var (code, console, _) = Train(interactive: true);

        Assert.Equal(0, code);
        Assert.Contains("reading pulsars.csv", console, StringComparison.Ordinal);
        Assert.Contains("100%", console, StringComparison.Ordinal);
    }

    [Fact]
    public void Redirected_output_gets_no_loading_bar()
    {
        var (code, console, stdout) = Train(interactive: false);

        Assert.Equal(0, code);
        Assert.DoesNotContain("reading pulsars.csv", console + stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_stays_one_object_even_on_an_interactive_console()
    {
        var (code, console, stdout) = Train(interactive: true, "--json");

        Assert.Equal(0, code);
        Assert.DoesNotContain("reading", console + stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("binary", doc.RootElement.GetProperty("task").GetString());
    }
}
