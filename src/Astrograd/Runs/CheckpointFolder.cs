using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>
/// Writes a run directory that may already exist because it holds the run's own checkpoint (and, after an
/// interruption, the best model so far): the new contents go into a temporary sibling folder, the old
/// directory is renamed aside, the new one renamed into place, and only then is the old one deleted.
/// </summary>
/// <remarks>
/// Known shortcoming: between the two renames (microseconds) the directory does not exist. A second Ctrl-C or
/// SIGTERM waits for them (<see cref="StopSignal.Uninterrupted"/>); a process killed (SIGKILL, power loss) in that
/// window leaves the old contents, checkpoint included, in <c>.NAME.replaced-PID</c> beside it, to be renamed back
/// by hand. An atomic swap would need Linux's renameat2(RENAME_EXCHANGE), which .NET does not offer.
/// </remarks>
internal static class CheckpointFolder
{
    /// <summary>Fills a temporary sibling folder with <paramref name="write"/>, then puts it in the place of
    /// <paramref name="directory"/>, whatever that holds.</summary>
    /// <param name="directory">The run directory.</param>
    /// <param name="write">Fills the folder it is given.</param>
    /// <param name="stop">The stop signal whose quit-at-once must wait for the swap, or null.</param>
    public static void WriteComplete(string directory, Action<string> write, StopSignal? stop = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(full);
        var temp = Path.Combine(parent, $".{name}.partial-{Environment.ProcessId}");
        var aside = Path.Combine(parent, $".{name}.replaced-{Environment.ProcessId}");
        try
        {
            DeleteIfThere(temp);
            write(temp);
            DeleteIfThere(aside);
            var swap = () => Swap(full, temp, aside);
            if (stop is null)
            {
                swap();
            }
            else
            {
                // A second Ctrl-C waits the microseconds of the swap rather than leave no directory behind.
                stop.Uninterrupted(swap);
            }

            DeleteIfThere(aside);
        }
        finally
        {
            DeleteIfThere(temp);
        }
    }

    private static void Swap(string full, string temp, string aside)
    {
        var replacing = Directory.Exists(full);
        if (replacing)
        {
            Directory.Move(full, aside);
        }

        try
        {
            Directory.Move(temp, full);
        }
        catch (IOException) when (replacing)
        {
            // Put the old contents (the checkpoint) back rather than lose them.
            Directory.Move(aside, full);
            throw;
        }
    }

    private static void DeleteIfThere(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
