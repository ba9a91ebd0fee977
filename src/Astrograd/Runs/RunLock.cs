using System.Diagnostics;
using System.Globalization;

namespace Astrograd.Runs;

/// <summary>
/// Claims a run directory for one process while it trains: a lock file <c>.NAME.lock</c> beside the directory
/// holds the owner's process id. A second run pointed at the same directory is refused at once instead of training
/// for nothing and failing at the rename; a lock left by a process that is gone is taken over.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly string _path;

    private RunLock(string path) => _path = path;

    /// <summary>The lock file's path for <paramref name="directory"/>.</summary>
    public static string PathFor(string directory)
    {
        var full = Path.GetFullPath(directory);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.lock");
    }

    /// <summary>Takes the lock of <paramref name="directory"/> (creating its parent folder if needed).</summary>
    /// <exception cref="RunConfigException">Another live process holds it (option --out).</exception>
    public static RunLock Acquire(string directory)
    {
        var path = PathFor(directory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                using var writer = new StreamWriter(stream);
                writer.Write(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                return new RunLock(path);
            }
            catch (IOException) when (File.Exists(path) && attempt == 0)
            {
                var owner = Owner(path);
                if (owner is { } pid && IsAlive(pid))
                {
                    throw new RunConfigException("--out", string.Create(CultureInfo.InvariantCulture,
                        $"'{directory}' is being written by process {pid} (lock file {path}); wait for it to " +
                        $"finish or choose another directory (nothing was changed)"));
                }

                // Left by a process that is gone (or unreadable): take it over.
                File.Delete(path);
            }
        }
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

    private static int? Owner(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture,
                out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
