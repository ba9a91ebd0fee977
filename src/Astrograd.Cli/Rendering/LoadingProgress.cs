using Astrograd.Cli.Commands;
using Astrograd.Data.Fits;
using Spectre.Console;

namespace Astrograd.Cli.Rendering;

/// <summary>
/// A progress bar while a CSV <c>--data</c> file is read, driven by the bytes read against the file's length.
/// Drawn only on an interactive console (never with --json, never into redirected output); FITS files and
/// embedded datasets load without one.
/// </summary>
internal static class LoadingProgress
{
    /// <summary>Whether loading <paramref name="path"/> gets a bar on an interactive console: a CSV file of known
    /// length (a pipe has none, and may be opened only once: it is not even looked into here).</summary>
    public static bool Applies(string? path) =>
        path is not null && DataFile.HasLength(path) && !FitsReader.IsFitsPath(path);

    /// <summary>
    /// Runs <paramref name="load"/> with a callback for the bytes read, under a bar titled with the file name;
    /// an exception from the load propagates once the bar is closed.
    /// </summary>
    public static T Show<T>(IAnsiConsole console, string path, Func<Action<long>, T> load)
    {
        var length = Math.Max(1, new FileInfo(path).Length);
        var result = default(T);
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask($"reading {Markup.Escape(Path.GetFileName(path))}", maxValue: length);
                result = load(read => bar.Value = read);
                bar.Value = length;
            });
        return result!;
    }
}
