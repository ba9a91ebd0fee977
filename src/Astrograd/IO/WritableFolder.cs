namespace Astrograd.IO;

/// <summary>
/// Checks, before any work, that a file or directory can be created where an option names it: a read-only folder
/// would otherwise be found only when the result is written, after the training, in the words of the operating
/// system and naming a temporary file.
/// </summary>
public static class WritableFolder
{
    /// <summary>
    /// Throws when the folder that would receive <paramref name="path"/> cannot be written: its parent, or, when
    /// that does not exist yet, the nearest folder above it that does (where it would be created). The test
    /// creates an empty file there and removes it at once.
    /// </summary>
    /// <param name="path">The file or directory to be created, as the user gave it.</param>
    /// <param name="option">The option that named it, e.g. <c>--out</c>, which starts the message.</param>
    /// <exception cref="IOException">The folder cannot be written; the message names the option, the path as given
    /// and the folder.</exception>
    public static void Check(string path, string option)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(option);

        // Walk up the path as given, so that the message names the folder in the user's own words.
        var folder = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(path));
        while (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            if (File.Exists(folder))
            {
                // Not a folder at all: the writer's own check says so.
                return;
            }

            folder = Path.GetDirectoryName(folder);
        }

        var shown = string.IsNullOrEmpty(folder) ? "." : folder;
        Probe(shown, $"{option}: cannot write '{path}': the folder '{shown}'");
    }

    /// <summary>Throws when the existing folder <paramref name="folder"/> itself cannot be written (files are to be
    /// written into it).</summary>
    /// <param name="folder">The folder, as the user gave it.</param>
    /// <param name="option">The option that named it, which starts the message.</param>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    public static void CheckFolder(string folder, string option)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(option);
        if (Directory.Exists(folder))
        {
            Probe(folder, $"{option}: the folder '{folder}'");
        }
    }

    // Creates an empty file in folder and removes it; "<what> cannot be written (why); nothing was changed" if not.
    private static void Probe(string folder, string what)
    {
        var probe = Path.Combine(Path.GetFullPath(folder),
            $".astrograd-write-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)
                .Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e is UnauthorizedAccessException ? "permission denied" : Reason(e, probe);
            throw new IOException($"{what} cannot be written ({why}); nothing was changed", e);
        }
    }

    /// <summary>The system's reason for an I/O fault without the path it names (a temporary file of ours).</summary>
    public static string Reason(Exception fault, string internalPath)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(internalPath);
        var text = fault.Message;
        var at = text.IndexOf(" : '" + internalPath, StringComparison.Ordinal);
        text = at > 0 ? text[..at] : text.Replace(internalPath, "a temporary file", StringComparison.Ordinal);
        return text.TrimEnd('.', ' ');
    }
}
