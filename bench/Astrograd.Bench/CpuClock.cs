using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Astrograd.Bench;

/// <summary>
/// This process's CPU time, in seconds: from clock_gettime on Linux (nanosecond resolution), else
/// from <see cref="Process.TotalProcessorTime"/>, whose resolution is coarser.
/// </summary>
internal static partial class CpuClock
{
    private const int ProcessCpuTime = 2; // CLOCK_PROCESS_CPUTIME_ID
    private const int ThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID

    public static double Seconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ProcessCpuTime, out var time) == 0)
        {
            return time.Seconds + (time.Nanoseconds * 1e-9);
        }

        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The calling thread's CPU time (Linux), else the process's.</summary>
    public static double ThreadSeconds() =>
        OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuTime, out var time) == 0
            ? time.Seconds + (time.Nanoseconds * 1e-9)
            : Seconds();

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
