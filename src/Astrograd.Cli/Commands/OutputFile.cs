using Astrograd.IO;

namespace Astrograd.Cli.Commands;

/// <summary>
/// A file option that a command writes (predict --out, export --onnx, graph --dot and --svg): checked before any
/// work, so that a refusal changes nothing, and written whole or not at all. An existing file is replaced only with
/// --force, and never when it is the command's own input.
/// </summary>
internal static class OutputFile
{
    /// <summary>Refuses <paramref name="path"/> for <paramref name="option"/>: a directory, the input file itself,
    /// an existing file without --force, a folder that does not exist or cannot be written.</summary>
    /// <param name="option">The option, e.g. <c>--out</c>.</param>
    /// <param name="path">Its value.</param>
    /// <param name="force">Whether --force was given.</param>
    /// <param name="example">A file name to suggest, e.g. <c>predictions.csv</c>.</param>
    /// <param name="input">The --data file the output is made from, or null.</param>
    public static void Check(string option, string path, bool force, string example, string? input = null)
    {
        if (Directory.Exists(path))
        {
            throw new CliUsageException($"{option}: '{path}' is a directory; give a file name such as {example}");
        }

        if (input is not null && SameFile(path, input))
        {
            throw new CliUsageException($"{option}: '{path}' is the --data file; writing there would replace the " +
                "table the predictions are made from: give another file name");
        }

        if (File.Exists(path) && !force)
        {
            throw new CliUsageException(
                $"{option}: '{path}' already exists; give another file name, or --force to replace it");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new CliDataException($"{option}: cannot write '{path}': the folder '{folder}' does not exist");
        }

        WritableFolder.Check(path, option);
    }

    /// <summary>Writes <paramref name="path"/> atomically; a failure is one line naming <paramref name="option"/>.
    /// </summary>
    public static void Write(string option, string path, Action<Stream> write)
    {
        try
        {
            AtomicFile.Write(path, write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliDataException($"{option}: {e.Message}", e);
        }
    }

    /// <summary>As <see cref="Write"/>, for text (UTF-8).</summary>
    public static void WriteText(string option, string path, string text) =>
        Write(option, path, stream => stream.Write(new System.Text.UTF8Encoding(false).GetBytes(text)));

    /// <summary>
    /// Whether two paths name one file: the same full path, or the same path once every symbolic link on the way is
    /// followed. (Hard links to one file are not detected: .NET gives no inode number.)
    /// </summary>
    public static bool SameFile(string a, string b)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        return string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), comparison)
            || (File.Exists(a) && File.Exists(b) && string.Equals(RealPath(a), RealPath(b), comparison));
    }

    // The full path with each symbolic link on it followed, as realpath(3) gives it: a link's target may pass
    // through links itself, so this repeats until nothing changes.
    private static string RealPath(string path)
    {
        var real = Path.GetFullPath(path);
        for (var i = 0; i < 8; i++)
        {
            var next = FollowLinks(real);
            if (next == real)
            {
                break;
            }

            real = next;
        }

        return real;
    }

    private static string FollowLinks(string full)
    {
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var real = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar,
            StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(real, part);
            try
            {
                real = new FileInfo(next).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? next;
            }
            catch (IOException)
            {
                // A link loop or an unreadable link: compare the path as it stands.
                real = next;
            }
        }

        return real;
    }
}
