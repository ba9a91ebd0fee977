using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Astrograd.Tests.Cli;

/// <summary>
/// The built CLI (<c>Astrograd.Cli.dll</c> beside the tests) run as a child process, so that a test can kill it
/// or send it signals. Its output is collected as it comes.
/// </summary>
internal sealed class ChildRun : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ChildRun(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public static ChildRun Start(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var dll = Path.Combine(AppContext.BaseDirectory, "Astrograd.Cli.dll");

        // A process started in the background by a shell without job control ignores SIGINT, and so would its
        // children (the runtime keeps an ignored SIGINT ignored): give the child the default disposition back.
        string[] command = SigintIgnored() ? ["--default-signal=INT", dotnet, dll, .. args] : [dll, .. args];
        var info = new ProcessStartInfo(SigintIgnored() ? "env" : dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in command)
        {
            info.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = info };
        var child = new ChildRun(process);
        process.OutputDataReceived += (_, e) => Append(child._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(child._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails if the child exits first.</summary>
    public void WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (_process.HasExited)
            {
                Assert.Fail($"the child exited ({_process.ExitCode}) before {what}; it printed: {Stderr}");
            }

            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"timed out waiting for {what}: {Stderr}");
            Thread.Sleep(5);
        }
    }

    /// <summary>Sends signal <paramref name="name"/> (INT, TERM) with kill(2): at once, where starting kill(1)
    /// took long enough on a loaded machine for a short run to finish first.</summary>
    public void Signal(string name)
    {
        var signal = name switch
        {
            "INT" => 2,
            "TERM" => 15,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "INT or TERM"),
        };
        Assert.Equal(0, SendSignal(Id, signal));
    }

    public void Kill() => _process.Kill();

    /// <summary>Waits for the child to end and returns its exit code.</summary>
    public int WaitForExit()
    {
        Assert.True(_process.WaitForExit(TimeSpan.FromMinutes(2)), $"the child did not exit: {Stderr}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder into, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (into)
        {
            into.Append(line).Append('\n');
        }
    }

    // Bit 1 of SigIgn in /proc/self/status is SIGINT (signal 2).
    private static bool SigintIgnored()
    {
        const string StatusFile = "/proc/self/status";
        if (!File.Exists(StatusFile))
        {
            return false;
        }

        var line = File.ReadLines(StatusFile).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
            && (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                & 0b10) != 0;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
