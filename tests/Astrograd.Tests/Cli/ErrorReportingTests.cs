using System.CommandLine;
using System.Diagnostics;
using Astrograd.Cli;
using Astrograd.Cli.Commands;
using Astrograd.Expressions;

namespace Astrograd.Tests.Cli;

public class ErrorReportingTests
{
    /// <summary>A command named "boom" whose action throws the given exception.</summary>
    private sealed class Throwing(Exception error) : ICliCommand
    {
        public Command Create(CliOutput output)
        {
            var command = new Command("boom", "Always fails.");
            command.SetAction(int (_) => throw error);
            return command;
        }
    }

    public static TheoryData<Exception, int> Failures => new()
    {
        { new CliUsageException("bad option value"), 2 },
        { new ExpressionException("unexpected ')' at column 3", 3), 2 },
        { new CliDataException("cannot read 'x.csv'"), 1 },
        { new ArgumentException("shape [2] is wrong", "x"), 1 },
        { new InvalidOperationException("not fitted yet"), 1 },
        { new IOException("disk full"), 1 },
        { new FileNotFoundException("no such file: data.csv"), 1 },
        { new UnauthorizedAccessException("access denied"), 1 },
        { new InvalidDataException("truncated FITS"), 1 },
        { new NotSupportedException("float16 is not supported"), 1 },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_known_failure_is_one_line_with_its_exit_code(Exception error, int exitCode)
    {
        var result = CliHarness.Run([new Throwing(error)], "boom");

        Assert.Equal(exitCode, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("astrograd boom: error: ", line, StringComparison.Ordinal);
        Assert.Contains(error.Message.Split('(')[0].Trim(), line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_quoted_from_a_file_are_shown_as_escapes_not_sent_to_the_terminal()
    {
        var error = new CliDataException("t.csv, line 5: found 'x\0\u001b[31mred\tend'");

        var result = CliHarness.Run([new Throwing(error)], "boom");

        Assert.Equal("astrograd boom: error: t.csv, line 5: found 'x\\u0000\\u001B[31mred\\u0009end'\n", result.Stderr);
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_with_a_hint_to_report_it()
    {
        var result = CliHarness.Run([new Throwing(new NullReferenceException("oops"))], "boom");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(
            "astrograd boom: error: unexpected NullReferenceException: oops", line, StringComparison.Ordinal);
        Assert.Contains("please report it", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_line_message_is_joined_into_one_line()
    {
        var result = CliHarness.Run([new Throwing(new CliDataException("first\nsecond\r\nthird"))], "boom");

        Assert.Equal("astrograd boom: error: first second third", result.Stderr.TrimEnd());
    }

    [Fact]
    public void Smoke_the_real_executable_reports_one_line_and_exit_code_2()
    {
        // The one out-of-process test: Program.Main, the real console and the process exit code.
        var dll = Path.Combine(AppContext.BaseDirectory, "Astrograd.Cli.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "graph", "(x + )", "--at", "x=1" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(2, process.ExitCode);
        Assert.Empty(stdout);
        Assert.Equal(
            "astrograd graph: error: unexpected ')' at column 6; expected a number, a variable, '(' or a function",
            stderr.TrimEnd());
    }
}
