using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Astrograd.Cli.Commands;
using Astrograd.Expressions;
using Spectre.Console;

namespace Astrograd.Cli;

/// <summary>
/// The astrograd command line: builds the root command from the registered subcommands, parses, runs, and
/// turns every failure into one line on standard error and an exit code (0 ok, 1 data or runtime error,
/// 2 usage error). No stack trace is ever printed.
/// </summary>
public static class CliApp
{
    /// <summary>The program's name, as it starts every error line.</summary>
    public const string Name = "astrograd";

    /// <summary>The subcommands; adding one is one file in Commands/ and one line here.</summary>
    private static ICliCommand[] Commands() =>
    [
        new TrainCommand(),
        new LrSweepCommand(),
        new PredictCommand(),
        new EvaluateCommand(),
        new ExportCommand(),
        new DatasetsCommand(),
        new GraphCommand(),
        new SearchCommand(),
    ];

    /// <summary>Runs the command line <paramref name="args"/> and returns the exit code.</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="console">Where tables and other rich output are rendered.</param>
    /// <param name="stdout">Plain standard output (JSON, help, version).</param>
    /// <param name="stderr">Standard error (warnings and the one-line error).</param>
    public static int Run(string[] args, IAnsiConsole console, TextWriter stdout, TextWriter stderr) =>
        Run(args, console, stdout, stderr, Commands());

    /// <summary>Runs <paramref name="args"/> against the given subcommands (tests use their own).</summary>
    internal static int Run(
        string[] args, IAnsiConsole console, TextWriter stdout, TextWriter stderr, IEnumerable<ICliCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(args);
        var output = new CliOutput(console, stdout, stderr);
        var root = BuildRoot(output, commands);

        var parse = root.Parse(args);
        var command = CommandPath(parse.CommandResult);
        if (parse.Action is ParseErrorAction)
        {
            output.Error(command, ParseProblem.Describe(parse, command));
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (Exception ex)
        {
            var (code, message) = Describe(ex);
            output.Error(command, message);
            return code;
        }
    }

    // A plain command rather than RootCommand, whose name (shown in help) would be the executable's file name.
    private static Command BuildRoot(CliOutput output, IEnumerable<ICliCommand> commands)
    {
        var root = new Command(Name,
            "Astrograd: neural networks with reverse-mode automatic differentiation, for astronomy tables.")
        {
            new HelpOption(),

            // The default action prints the informational version, which carries the commit hash.
            new VersionOption { Action = new PrintVersion(output.Stdout) },
        };
        foreach (var command in commands)
        {
            root.Subcommands.Add(command.Create(output));
        }

        return root;
    }

    // The exit code and the one-line message of a failure; expected kinds say only what went wrong.
    private static (int Code, string Message) Describe(Exception ex) => ex switch
    {
        // A run option the library refused (--lr -1, --loss that does not fit the task, a taken --out).
        CliUsageException or ExpressionException or Astrograd.Runs.RunConfigException =>
            (ExitCodes.Usage, ex.Message),
        CliDataException or Astrograd.Data.DataException or Astrograd.IO.SafetensorsException or ArgumentException
            or InvalidOperationException or IOException or UnauthorizedAccessException or InvalidDataException
            or NotSupportedException
            or FormatException or OverflowException => (ExitCodes.Failure, ex.Message),
        _ => (ExitCodes.Failure,
            $"unexpected {ex.GetType().Name}: {ex.Message} (this is a bug in astrograd; please report it together " +
            "with the command line that caused it)"),
    };

    // "graph" for `astrograd graph ...`, "" for the root, "a b" for nested commands.
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c && c.Parent is not null; r = r.Parent)
        {
            names.Insert(0, c.Command.Name);
        }

        return string.Join(' ', names);
    }

    private sealed class PrintVersion(TextWriter stdout) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            stdout.WriteLine($"{Name} {AstrogradInfo.Version}");
            return ExitCodes.Ok;
        }
    }
}
