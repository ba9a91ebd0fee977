using System.Diagnostics;
using System.Globalization;
using Astrograd.IO;

namespace Astrograd.Runs;

/// <summary>
/// Claims a run directory for one process while it trains: a lock file <c>.NAME.lock</c> beside the directory
/// holds the owner's process id. A second run pointed at the same directory is refused at once instead of training
/// for nothing and failing at the rename; a lock left by a process that is gone is taken over.
/// </summary>
/// <remarks>
/// The lock file is created exclusively (O_EXCL: of two processes only one succeeds) and the id written into it
/// right away; a file without an id that is younger than five seconds is one being written, and is
/// waited for. A lock is stale when its process is gone, when the process now holding that id started after the
/// lock was written (the id was reused), or when it holds no id after the grace. A stale lock is removed under a
/// short-lived takeover token, so that two processes finding it at once cannot both remove a lock and both start.
/// (File.Move without overwrite is no help here: on Unix it checks, then renames over whatever appeared meanwhile.)
/// </remarks>
public sealed class RunLock : IDisposable
{
    /// <summary>How long a lock file without a process id is taken for one being written.</summary>
    private static readonly TimeSpan _startingGrace = TimeSpan.FromSeconds(5);

    private readonly string _path;

    private RunLock(string path) => _path = path;

    private enum State
    {
        Stale,
        Live,
        Starting,
    }

    /// <summary>The lock file's path for <paramref name="directory"/>.</summary>
    /// <exception cref="RunConfigException">The directory name is empty (option --out).</exception>
    public static string PathFor(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new RunConfigException("--out", "is empty; give the name of a new directory");
        }

        var full = Path.GetFullPath(directory);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.lock");
    }

    /// <summary>Throws when a live process holds the lock of <paramref name="directory"/>, or when its folder cannot
    /// be written; changes nothing (a cheap refusal before a table is read; <see cref="Acquire"/> still decides).
    /// </summary>
    /// <exception cref="RunConfigException">Another live process holds it (option --out).</exception>
    /// <exception cref="IOException">The folder that would hold the directory cannot be written.</exception>
    public static void ThrowIfHeld(string directory)
    {
        var path = PathFor(directory);
        WritableFolder.Check(directory, "--out");
        if (Inspect(path) is (State.Live, var pid))
        {
            throw Held(directory, pid, path);
        }
    }

    /// <summary>Takes the lock of <paramref name="directory"/> (creating its parent folder if needed) and removes
    /// the temporary folders that earlier holders, killed while writing, left beside it
    /// (<see cref="RunFolder.RemoveStrayTemporaries"/>).</summary>
    /// <exception cref="RunConfigException">Another live process holds it (option --out).</exception>
    /// <exception cref="IOException">The folder that would hold the directory cannot be written.</exception>
    public static RunLock Acquire(string directory)
    {
        var path = PathFor(directory);
        WritableFolder.Check(directory, "--out");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < _startingGrace * 2)
        {
            if (TryCreate(path))
            {
                var claim = new RunLock(path);
                RunFolder.RemoveStrayTemporaries(directory);
                return claim;
            }

            switch (Inspect(path))
            {
                case (State.Live, var pid):
                    throw Held(directory, pid, path);
                case (State.Stale, _) when TryRemoveStale(path):
                    continue;
                default:
                    // Being written, or being taken over by another process: both take microseconds.
                    Thread.Sleep(5);
                    break;
            }
        }

        throw new RunConfigException("--out", $"'{directory}': could not take its lock file {path} from the " +
            "other processes starting on it; try again (nothing was changed)");
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // A lock that cannot be removed now is stale once this process exits, and is then taken over.
        }
    }

    // Creates the lock file exclusively and writes this process's id into it; false when it exists.
    private static bool TryCreate(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }

        using (stream)
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        }

        return true;
    }

    // Removes the lock at path if it is stale, under a takeover token that one process at a time can create, so that
    // no process removes a lock placed by another that took the stale one over first. False when the token is taken.
    private static bool TryRemoveStale(string path)
    {
        var token = path + ".takeover";
        try
        {
            new FileStream(token, FileMode.CreateNew, FileAccess.Write, FileShare.None).Dispose();
        }
        catch (IOException) when (File.Exists(token))
        {
            // A token lives for microseconds: an old one was left by a process killed while taking over.
            if (File.GetLastWriteTimeUtc(token) < DateTime.UtcNow - _startingGrace)
            {
                File.Delete(token);
            }

            return false;
        }

        try
        {
            // Judged again under the token: only a token holder removes a lock that is not its own, so a stale lock
            // seen now is still there to remove.
            if (Inspect(path).State == State.Stale)
            {
                File.Delete(path);
            }

            return true;
        }
        finally
        {
            File.Delete(token);
        }
    }

    // Who holds the lock at path: a live process (and its id), one still writing it, or nobody (stale or absent).
    private static (State State, int Pid) Inspect(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            var written = File.GetLastWriteTimeUtc(path);
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return (written > DateTime.UtcNow - _startingGrace ? State.Starting : State.Stale, 0);
            }

            return (IsAlive(pid, written) ? State.Live : State.Stale, pid);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (State.Stale, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: taken for one being written until it can be read.
            return (State.Starting, 0);
        }
    }

    private static bool IsAlive(int pid, DateTime lockWrittenUtc)
    {
        DateTime started;
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }

            try
            {
                started = process.StartTime.ToUniversalTime();
            }
            catch (Exception e) when (e is NotSupportedException or System.ComponentModel.Win32Exception)
            {
                // Running, but its start cannot be read (another user's process): take it for the owner.
                return true;
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }

        // A process that started after the lock was written did not write it: its id was reused. Two seconds of
        // slack cover a start time known to the second.
        return started <= lockWrittenUtc.AddSeconds(2);
    }

    private static RunConfigException Held(string directory, int pid, string path) =>
        new("--out", string.Create(CultureInfo.InvariantCulture,
            $"'{directory}' is being written by process {pid} (lock file {path}); wait for it to finish or choose " +
            $"another directory (nothing was changed)"));
}
