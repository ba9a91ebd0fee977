using System.Text;

namespace Astrograd.Cli.Files;

/// <summary>
/// Writes files so that a reader never sees half of one: the text goes to a temporary file beside the
/// target, which then replaces the target in one rename.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 (no BOM) to <paramref name="path"/>.</summary>
    /// <exception cref="CliDataException">The file cannot be written; the message names it and the reason.</exception>
    public static void WriteAllText(string path, string text)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliUsageException("the output file name is empty; give a file name such as graph.svg");
        }

        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        if (Directory.Exists(full))
        {
            throw new CliDataException($"cannot write '{path}': it is a directory; give a file name");
        }

        if (!Directory.Exists(directory))
        {
            throw new CliDataException($"cannot write '{path}': the folder '{directory}' does not exist");
        }

        // Same folder, so the rename never crosses file systems and stays atomic.
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new CliDataException($"cannot write '{path}': {ex.Message}", ex);
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The write already failed and is being reported; a leftover temporary file is the lesser problem.
            _ = ex;
        }
    }
}
