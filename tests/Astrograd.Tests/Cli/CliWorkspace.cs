using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Astrograd.Tests.Cli;

/// <summary>
/// A temporary folder for one test's tables and run directories, with the small tables the CLI tests train
/// on: a head of the checked-in HTRU2 sample and seeded synthetic regression and multiclass tables. Every
/// table has a few hundred rows at most, so that each training run takes a fraction of a second.
/// </summary>
internal sealed class CliWorkspace : IDisposable
{
    public string Root { get; } = CliHarness.TempFolder();

    public static string Htru2SamplePath =>
        Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", "htru2_sample.csv");

    /// <summary>The options of every tiny training run: 8 hidden neurons, 5 epochs.</summary>
    public static readonly string[] Tiny = ["--layers", "8", "--epochs", "5"];

    /// <summary><paramref name="args"/> with the tiny run's options added where they give none of their own
    /// (an option given twice is a usage error).</summary>
    public static string[] WithTiny(IEnumerable<string> args)
    {
        var all = args.ToList();
        for (var i = 0; i < Tiny.Length; i += 2)
        {
            if (!all.Contains(Tiny[i]))
            {
                all.AddRange([Tiny[i], Tiny[i + 1]]);
            }
        }

        return [.. all];
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    public string PathOf(string name) => Path.Combine(Root, name);

    public string Write(string name, string text)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>The header and the first <paramref name="rows"/> rows of the HTRU2 sample (400 hold 34
    /// pulsars).</summary>
    public string Htru2(int rows = 400, string name = "htru2.csv") =>
        Write(name, string.Join('\n', File.ReadLines(Htru2SamplePath).Take(rows + 1)) + "\n");

    /// <summary>x in [0, 2), z = 2x + 1 + N(0, 0.05²): a redshift-like regression target named z.</summary>
    public string Regression(int rows = 200, string name = "photoz.csv")
    {
        var rng = new Rng(11);
        var sb = new StringBuilder("x,w,z\n");
        for (var i = 0; i < rows; i++)
        {
            var x = rng.NextUniform(0, 2);
            var w = rng.NextUniform(-1, 1);
            sb.Append(CultureInfo.InvariantCulture, $"{x:F4},{w:F4},{(2 * x) + 1 + (0.05 * rng.NextNormal()):F4}\n");
        }

        return Write(name, sb.ToString());
    }

    /// <summary>Three well separated blobs in two colours, labelled GALAXY, STAR and QSO in turn.</summary>
    public string Multiclass(int rows = 300, string name = "sdss.csv")
    {
        string[] classes = ["GALAXY", "STAR", "QSO"];
        (double U, double G)[] centres = [(0, 0), (3, 0), (0, 3)];
        var rng = new Rng(12);
        var sb = new StringBuilder("u_g,g_r,class\n");
        for (var i = 0; i < rows; i++)
        {
            var k = i % 3;
            var u = centres[k].U + (0.4 * rng.NextNormal());
            var g = centres[k].G + (0.4 * rng.NextNormal());
            sb.Append(CultureInfo.InvariantCulture, $"{u:F4},{g:F4},{classes[k]}\n");
        }

        return Write(name, sb.ToString());
    }

    /// <summary>The lines of <paramref name="csv"/> for the given 0-based data rows, after its header.</summary>
    public string Rows(string csv, IEnumerable<int> rows, string name)
    {
        var lines = File.ReadAllLines(csv);
        return Write(name, string.Join('\n', rows.Select(r => lines[r + 1]).Prepend(lines[0])) + "\n");
    }

    /// <summary>The test rows recorded in a run directory's split.json.</summary>
    public static int[] TestRows(string runDirectory)
    {
        using var split = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDirectory, "split.json")));
        return [.. split.RootElement.GetProperty("test").EnumerateArray().Select(e => e.GetInt32())];
    }

    /// <summary>Trains a tiny model into <c>Root/name</c> and returns the run directory.</summary>
    public string Train(string data, string name, params string[] extra)
    {
        var run = PathOf(name);
        var result = CliHarness.Run(WithTiny(["train", "--data", data, "--out", run, "--json", .. extra]));
        Assert.True(result.ExitCode == 0, result.Stderr);
        return run;
    }
}
