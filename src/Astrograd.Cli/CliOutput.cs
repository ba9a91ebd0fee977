using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Astrograd.Cli;

/// <summary>
/// Where a command's output goes. Rich output (tables, notes) is rendered on <see cref="Console"/>; text that
/// other programs read (JSON) goes unformatted to <see cref="Stdout"/>; warnings go to <see cref="Stderr"/>,
/// one line each. Tests pass a fixed-width fake console and string writers.
/// </summary>
public sealed class CliOutput
{
    public CliOutput(IAnsiConsole console, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        Console = console;
        Stdout = stdout;
        Stderr = stderr;
    }

    /// <summary>The console for human-readable output.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Plain standard output, for machine-readable text.</summary>
    public TextWriter Stdout { get; }

    /// <summary>Standard error, for warnings and errors.</summary>
    public TextWriter Stderr { get; }

    /// <summary>Writes <c>astrograd &lt;command&gt;: warning: &lt;message&gt;</c> as one line on stderr.</summary>
    public void Warn(string command, string message) =>
        Stderr.WriteLine($"{Prefix(command)}: warning: {OneLine(message)}");

    /// <summary>Writes <c>astrograd &lt;command&gt;: error: &lt;message&gt;</c> as one line on stderr.</summary>
    public void Error(string command, string message) =>
        Stderr.WriteLine($"{Prefix(command)}: error: {OneLine(message)}");

    /// <summary>"astrograd" followed by the command path, e.g. "astrograd graph".</summary>
    public static string Prefix(string command) =>
        string.IsNullOrEmpty(command) ? CliApp.Name : $"{CliApp.Name} {command}";

    /// <summary>Joins the lines of a message so that every report stays on one line, and shows any other control
    /// character as a <c>\u0000</c> escape.</summary>
    public static string OneLine(string message) =>
        Visible(string.Join(' ',
            message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

    // A message may quote the bytes of a damaged file: a NUL or an escape sequence printed as such would cut the
    // line or drive the terminal (colours, cursor moves) instead of showing what the file holds.
    private static string Visible(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var shown = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                shown.Append(c);
            }
        }

        return shown.ToString();
    }
}
