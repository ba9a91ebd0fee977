using System.Runtime.InteropServices;
using Astrograd.Training;

namespace Astrograd.Cli;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM during training into a <see cref="StopSignal"/>: the first one asks training
/// to stop after its current step, so that a checkpoint and the best model so far can be written; a second one
/// quits at once. Quitting at once loses nothing already written, since every file is written to a temporary
/// name and renamed (a stray temporary file may be left behind, never a half-written file under its real name).
/// </summary>
internal sealed class Interruption : IDisposable
{
    /// <summary>The exit code after SIGINT: 128 + 2, as shells report it.</summary>
    public const int SigintExitCode = 130;

    /// <summary>The exit code after SIGTERM: 128 + 15.</summary>
    public const int SigtermExitCode = 143;

    private readonly PosixSignalRegistration[] _registrations;
    private readonly TextWriter _stderr;
    private readonly string _command;
    private int _signals;
    private volatile int _exitCode = SigintExitCode;

    private Interruption(TextWriter stderr, string command)
    {
        _stderr = stderr;
        _command = command;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Raised by the first signal.</summary>
    public StopSignal Stop { get; } = new();

    /// <summary>130 after SIGINT, 143 after SIGTERM (the first signal's).</summary>
    public int ExitCode => _exitCode;

    /// <summary>Handles SIGINT and SIGTERM until disposed; messages go to <paramref name="stderr"/>.</summary>
    public static Interruption Watch(TextWriter stderr, string command) => new(stderr, command);

    public void Dispose()
    {
        foreach (var r in _registrations)
        {
            r.Dispose();
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the process alive: the training loop winds down and writes what it has.
        context.Cancel = true;
        var code = context.Signal == PosixSignal.SIGTERM ? SigtermExitCode : SigintExitCode;
        var name = context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _exitCode = code;
            Stop.Request();
            var again = context.Signal == PosixSignal.SIGTERM ? "send it again" : "press Ctrl-C again";
            _stderr.WriteLine($"{CliOutput.Prefix(_command)}: {name}: stopping after the current step to write a " +
                $"checkpoint and the best model so far ({again} to quit at once)");
            return;
        }

        _stderr.WriteLine($"{CliOutput.Prefix(_command)}: {name} again: quitting at once; the files already " +
            "written are complete");
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
