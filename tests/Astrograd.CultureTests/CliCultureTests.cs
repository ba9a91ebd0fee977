using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Astrograd.Cli;
using Spectre.Console.Testing;

namespace Astrograd.CultureTests;

/// <summary>
/// The command line under de-DE: number options keep their decimal point, and every file a run writes (model
/// card, metrics, history, split, weights, predictions, plots) is the same as under the invariant culture.
/// </summary>
public sealed partial class CliCultureTests : IDisposable
{
    private readonly string _root =
        Path.Combine(Path.GetTempPath(), "astrograd-culture-" + Guid.NewGuid().ToString("N"));

    public CliCultureTests()
    {
        Directory.CreateDirectory(_root);
        var text = new StringBuilder("a,b,c,y\n");
        var rng = new Rng(7);
        for (var i = 0; i < 120; i++)
        {
            double a = rng.NextNormal(), b = rng.NextNormal(), c = rng.NextUniform(-1, 1);
            text.Append(CultureInfo.InvariantCulture, $"{a:R},{b:R},{c:R},{(0.5 * a) - (0.25 * b * c):R}\n");
        }

        File.WriteAllText(Path.Combine(_root, "data.csv"), text.ToString());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Train_UnderGerman_WritesTheSameFilesAsInvariant()
    {
        // Arrange: the same run, once per culture, into its own folder.
        string[] Train(string outDir) =>
        [
            "train", "--data", Path.Combine(_root, "data.csv"), "--target", "y", "--layers", "8", "--epochs", "3",
            "--lr", "0.05", "--momentum", "0.5", "--val", "0.2", "--test", "0.2", "--out", outDir, "--json",
        ];

        // Act
        var (invariant, german) = (CultureScope.Run(CultureInfo.InvariantCulture, () => Run(Train(Out("inv")))),
            CultureScope.Run(CultureScope.German, () => Run(Train(Out("de")))));

        // Assert
        Assert.True(invariant.Code == 0, invariant.Stderr);
        Assert.True(german.Code == 0, german.Stderr);
        Assert.Contains("\"learning_rate\":0.05", german.Stdout, StringComparison.Ordinal);
        Assert.Equal(Volatile(invariant.Stdout.Replace(Out("inv"), "OUT", StringComparison.Ordinal)),
            Volatile(german.Stdout.Replace(Out("de"), "OUT", StringComparison.Ordinal)));
        AssertSameFiles(Out("inv"), Out("de"));
    }

    [Fact]
    public void Predict_UnderGerman_WritesTheSameCsvAndFits()
    {
        // Arrange
        var model = Out("model");
        Assert.Equal(0, Run(["train", "--data", Path.Combine(_root, "data.csv"), "--target", "y", "--layers", "4",
            "--epochs", "2", "--out", model, "--no-plots"]).Code);
        (int, int) Predict(string tag)
        {
            var csv = Run(["predict", "--model", model, "--data", Path.Combine(_root, "data.csv"), "--out",
                Out(tag + ".csv")]).Code;
            var fits = Run(["predict", "--model", model, "--data", Path.Combine(_root, "data.csv"), "--out",
                Out(tag + ".fits")]).Code;
            return (csv, fits);
        }

        // Act
        var codes = (CultureScope.Run(CultureInfo.InvariantCulture, () => Predict("inv")),
            CultureScope.Run(CultureScope.German, () => Predict("de")));

        // Assert
        Assert.Equal(((0, 0), (0, 0)), codes);
        Assert.Equal(File.ReadAllBytes(Out("inv.csv")), File.ReadAllBytes(Out("de.csv")));
        Assert.Equal(File.ReadAllBytes(Out("inv.fits")), File.ReadAllBytes(Out("de.fits")));
    }

    [Fact]
    public void NumberOption_UnderGerman_RefusesADecimalCommaAsInvariant()
    {
        string[] args = ["train", "--data", Path.Combine(_root, "data.csv"), "--lr", "0,05", "--out", Out("x")];

        var (invariant, german) = CultureScope.Both(() => Run(args));

        Assert.NotEqual(0, german.Code);
        Assert.Equal(invariant.Code, german.Code);
        Assert.Equal(invariant.Stderr, german.Stderr);
    }

    private string Out(string name) => Path.Combine(_root, name);

    private static (int Code, string Stdout, string Stderr) Run(string[] args)
    {
        var console = new TestConsole().Width(100);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, console, stdout, stderr);
        return (code, stdout.ToString() + console.Output, stderr.ToString());
    }

    // Timings and memory differ from run to run; everything else must not.
    private static string Volatile(string text) =>
        ReportName().Replace(ReportTiming().Replace(TimingFields().Replace(text, "$1:0"), "$1 0 s"), "$1NAME<");

    private static void AssertSameFiles(string expected, string actual)
    {
        var names = Directory.GetFiles(expected).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(names, Directory.GetFiles(actual).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var name in names)
        {
            var (a, b) = (Path.Combine(expected, name!), Path.Combine(actual, name!));
            if (name!.EndsWith(".png", StringComparison.Ordinal))
            {
                continue; // pixels: the SVG twin carries the same text
            }

            if (name.EndsWith(".json", StringComparison.Ordinal) || name.EndsWith(".svg", StringComparison.Ordinal)
                || name.EndsWith(".html", StringComparison.Ordinal))
            {
                Assert.Equal(Volatile(File.ReadAllText(a).Replace(expected, "OUT", StringComparison.Ordinal)),
                    Volatile(File.ReadAllText(b).Replace(actual, "OUT", StringComparison.Ordinal)));
            }
            else
            {
                Assert.True(File.ReadAllBytes(a).SequenceEqual(File.ReadAllBytes(b)), $"{name} differs");
            }
        }
    }

    [GeneratedRegex("(\"[a-z_]*(seconds|memory_mib)\")\\s*:\\s*[0-9.eE+-]+")]
    private static partial Regex TimingFields();

    [GeneratedRegex("(<th>train time</th><td>)[0-9.]+ s")]
    private static partial Regex ReportTiming();

    // The report is titled with the run directory's name, which differs between the two runs.
    [GeneratedRegex("(Astrograd run )[^<]*<")]
    private static partial Regex ReportName();
}
