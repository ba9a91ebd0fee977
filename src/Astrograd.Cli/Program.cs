using Spectre.Console;

namespace Astrograd.Cli;

/// <summary>Entry point of the <c>astrograd</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static int Main(string[] args) => CliApp.Run(args, AnsiConsole.Console, Console.Out, Console.Error);
}
