using Astrograd.Cli;
using Astrograd.Cli.Commands;
using Spectre.Console.Testing;

namespace Astrograd.Tests.Cli;

/// <summary>What one in-process run of the CLI printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Console, string Stdout, string Stderr)
{
    /// <summary>Everything shown to the user, in no particular order.</summary>
    public string All => Console + Stdout + Stderr;
}

/// <summary>Runs the CLI in-process on a fixed-width fake console, capturing every output stream.</summary>
internal static class CliHarness
{
    public const int Width = 100;

    public static CliResult Run(params string[] args) => Run(null, args);

    /// <summary>Runs with the given subcommands instead of the real ones (null: the real ones).</summary>
    public static CliResult Run(IEnumerable<ICliCommand>? commands, params string[] args)
    {
        var console = new TestConsole().Width(Width);
        console.Profile.Capabilities.Unicode = true;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = commands is null
            ? CliApp.Run(args, console, stdout, stderr)
            : CliApp.Run(args, console, stdout, stderr, commands);

        return new CliResult(code, console.Output, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A fresh temporary folder, deleted by the caller.</summary>
    public static string TempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "astrograd-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
