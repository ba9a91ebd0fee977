using System.Runtime.InteropServices;
using Astrograd.Training;

namespace Astrograd.Cli;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM into a request to stop. For train (<see cref="Watch"/>) the first one asks
/// training to stop after its current step (a <see cref="StopSignal"/>), so that a checkpoint and the best model so
/// far can be written; for search and lr-sweep (<see cref="WatchToCancel"/>) it cancels their training, and the
/// command then writes nothing. A second one quits at once. Quitting at once loses nothing already written, since
/// every file and output folder is written under a temporary name and renamed (a stray temporary file or folder may
/// be left behind, never a half-written one under its real name; the next run on the folder removes the folders).
/// </summary>
internal sealed class Interruption : IDisposable
{
    /// <summary>The exit code after SIGINT: 128 + 2, as shells report it.</summary>
    public const int SigintExitCode = 130;

    /// <summary>The exit code after SIGTERM: 128 + 15.</summary>
    public const int SigtermExitCode = 143;

    private readonly PosixSignalRegistration[] _registrations;
    private readonly CancellationTokenSource _cancel = new();
    private readonly TextWriter _stderr;
    private readonly string _command;
    private readonly string? _outFolder;
    private readonly bool _saves;
    private int _signals;
    private volatile int _exitCode = SigintExitCode;
    private volatile string _signalName = "SIGINT";

    private Interruption(TextWriter stderr, string command, string? outFolder, bool saves)
    {
        _stderr = stderr;
        _command = command;
        _outFolder = outFolder;
        _saves = saves;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Raised by the first signal.</summary>
    public StopSignal Stop { get; } = new();

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Cancellation => _cancel.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM (the first signal's).</summary>
    public int ExitCode => _exitCode;

    /// <summary>SIGINT or SIGTERM, the first signal's name.</summary>
    public string SignalName => _signalName;

    /// <summary>Handles SIGINT and SIGTERM for train until disposed: the first stops training after its step, to
    /// save what it has unless <paramref name="saves"/> is false (a multi-start writes nothing when stopped);
    /// messages go to <paramref name="stderr"/>.</summary>
    public static Interruption Watch(TextWriter stderr, string command, bool saves = true) =>
        new(stderr, command, null, saves);

    /// <summary>Handles SIGINT and SIGTERM for a command that writes <paramref name="outFolder"/> whole or not at
    /// all (search, lr-sweep) until disposed: the first cancels <see cref="Cancellation"/> silently (the command
    /// says what it stopped), a second quits at once.</summary>
    public static Interruption WatchToCancel(TextWriter stderr, string command, string outFolder) =>
        new(stderr, command, outFolder, saves: false);

    /// <summary>The line a command that stopped on <see cref="Cancellation"/> prints: which signal, what was
    /// stopped, and that nothing was written.</summary>
    public string StoppedLine(string what) =>
        $"{CliOutput.Prefix(_command)}: {SignalName}: stopped {what}; nothing was written to '{_outFolder}'";

    public void Dispose()
    {
        foreach (var r in _registrations)
        {
            r.Dispose();
        }

        // _cancel is left to the collector: a signal handled while this runs may still cancel it.
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the process alive: the training loop winds down and writes what it has.
        context.Cancel = true;
        var code = context.Signal == PosixSignal.SIGTERM ? SigtermExitCode : SigintExitCode;
        var name = context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";
        if (Interlocked.Increment(ref _signals) == 1)
        {
            (_exitCode, _signalName) = (code, name);
            Stop.Request();
            if (_outFolder is not null)
            {
                // The command prints one line once its training has stopped.
                _cancel.Cancel();
                return;
            }

            var again = context.Signal == PosixSignal.SIGTERM ? "send it again" : "press Ctrl-C again";
            _stderr.WriteLine(_saves
                ? $"{CliOutput.Prefix(_command)}: {name}: stopping after the current step to write a checkpoint and " +
                    $"the best model so far ({again} to quit at once)"
                : $"{CliOutput.Prefix(_command)}: {name}: stopping the restarts after their current step; a " +
                    $"multi-start writes nothing when stopped ({again} to quit at once)");
            return;
        }

        _stderr.WriteLine(_outFolder is null
            ? $"{CliOutput.Prefix(_command)}: {name} again: quitting at once; the files already written are complete"
            : $"{CliOutput.Prefix(_command)}: {name} again: quitting at once; nothing half-written is left under " +
                $"'{_outFolder}'");
        _stderr.Flush();
        Stop.QuitBetweenSteps(() => QuitNow(code));
    }

    // The runtime's orderly exit (Environment.Exit) took one to two seconds here while training threads ran;
    // _exit(2) ends the process now. Nothing is lost that way: every file is renamed into place whole or not at all.
    private static void QuitNow(int code)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            ExitProcess(code);
        }

        Environment.Exit(code);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void ExitProcess(int status);
}
