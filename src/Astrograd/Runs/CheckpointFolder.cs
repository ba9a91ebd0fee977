namespace Astrograd.Runs;

/// <summary>
/// Writes a run directory that may already exist because it holds the run's own checkpoint (and, after an
/// interruption, the best model so far): the new contents go into a temporary sibling folder, the old
/// directory is renamed aside, the new one renamed into place, and only then is the old one deleted.
/// </summary>
/// <remarks>
/// Known shortcoming: between the two renames (microseconds) the directory does not exist; a process killed in
/// that window leaves the old contents, checkpoint included, in <c>.NAME.replaced-PID</c> beside it, to be
/// renamed back by hand. An atomic swap would need Linux's renameat2(RENAME_EXCHANGE), which .NET does not offer.
/// </remarks>
internal static class CheckpointFolder
{
    /// <summary>Fills a temporary sibling folder with <paramref name="write"/>, then puts it in the place of
    /// <paramref name="directory"/>, whatever that holds.</summary>
    public static void WriteComplete(string directory, Action<string> write)
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

            DeleteIfThere(aside);
        }
        finally
        {
            DeleteIfThere(temp);
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
