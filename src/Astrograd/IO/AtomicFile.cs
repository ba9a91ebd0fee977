using System.Text;

namespace Astrograd.IO;

/// <summary>
/// Writes files so that a reader sees either the old file or the complete new one: the bytes go to a
/// temporary file in the same folder (so the rename never crosses file systems), are flushed to disk, and
/// the temporary file is renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 (no BOM) to <paramref name="path"/> atomically.</summary>
    /// <exception cref="IOException">The file cannot be written; the message names it and the reason.</exception>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream => stream.Write(new UTF8Encoding(false).GetBytes(text)));

    /// <summary>Lets <paramref name="write"/> fill a temporary file, then renames it to <paramref
    /// name="path"/>.</summary>
    /// <exception cref="IOException">
    /// The folder does not exist, the path is a directory, or writing failed; the message names the file.
    /// </exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("the output file name is empty; give a file name", nameof(path));
        }

        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        if (Directory.Exists(full))
        {
            throw new IOException($"cannot write '{path}': it is a directory; give a file name");
        }

        if (!Directory.Exists(folder))
        {
            throw new IOException($"cannot write '{path}': the folder '{folder}' does not exist");
        }

        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The temporary file is ours, not the user's: the message names the file and folder they gave.
            var why = ex is UnauthorizedAccessException
                ? $"the folder '{folder}' cannot be written (permission denied)"
                : WritableFolder.Reason(ex, temp);
            throw new IOException($"cannot write '{path}': {why}", ex);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
