using System.Runtime.InteropServices;

namespace Astrograd.Tests.Cli;

/// <summary>
/// A named pipe (mkfifo) fed by a background thread: the bytes can be read once, by one reader, as from
/// <c>&lt;(cat file)</c> in a shell. A reader that closes early ends the writer quietly.
/// </summary>
internal static class NamedPipe
{
    /// <summary>Makes the pipe at <paramref name="path"/> and starts writing <paramref name="bytes"/> into it as
    /// soon as a reader opens it.</summary>
    public static string Feed(string path, byte[] bytes)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        Assert.True(MakeFifo(path, Convert.ToUInt32("600", 8)) == 0, $"mkfifo {path} failed");
        var writer = new Thread(() =>
        {
            try
            {
                using var pipe = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                pipe.Write(bytes);
            }
            catch (IOException)
            {
                // The reader stopped early (a refused FITS pipe): the rest of the bytes have nowhere to go.
            }
        })
        { IsBackground = true };
        writer.Start();
        return path;
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo(string path, uint mode);
}
