using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Astrograd.Tests.Cli;

/// <summary>
/// A folder no file can be created in, as a user meets it: mode 555, and, for root (whom mode bits do not stop),
/// the immutable attribute as well (<c>chattr +i</c>). <see cref="Release"/> must undo it before the folder is
/// deleted.
/// </summary>
internal static class ReadOnlyFolder
{
    /// <summary>Makes <paramref name="path"/> (an existing folder) read-only; false when this system cannot (root
    /// without chattr or the capability it needs), in which case the folder is left writable.</summary>
    public static bool Make(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        if (IsRoot())
        {
            Chattr("+i", path);
        }

        return !CanCreateIn(path);
    }

    /// <summary>Makes <paramref name="path"/> writable again (if it still exists).</summary>
    public static void Release(string path)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(path))
        {
            return;
        }

        if (IsRoot())
        {
            Chattr("-i", path);
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static bool CanCreateIn(string path)
    {
        try
        {
            File.WriteAllText(Path.Combine(path, ".probe"), "");
            File.Delete(Path.Combine(path, ".probe"));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void Chattr(string flag, string path)
    {
        try
        {
            using var chattr = Process.Start(new ProcessStartInfo("chattr", [flag, path])
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            chattr?.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No chattr on this system: Make reports that the folder stayed writable.
        }
    }

    private static bool IsRoot() => GetEffectiveUserId() == 0;

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();
}
