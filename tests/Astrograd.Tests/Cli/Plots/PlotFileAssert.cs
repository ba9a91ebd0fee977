using System.Xml.Linq;

namespace Astrograd.Tests.Cli.Plots;

/// <summary>Checks that plot files are real pictures: PNG by its signature, SVG by parsing it as XML.</summary>
internal static class PlotFileAssert
{
    private static readonly byte[] _pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static void IsPng(string path)
    {
        Assert.True(File.Exists(path), $"missing {path}");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > _pngSignature.Length, $"{path} is empty");
        Assert.Equal(_pngSignature, bytes[.._pngSignature.Length]);
    }

    /// <summary>Asserts an SVG document and returns its text runs (titles, labels, legend), trimmed.</summary>
    public static IReadOnlyList<string> IsSvg(string path)
    {
        Assert.True(File.Exists(path), $"missing {path}");
        Assert.True(new FileInfo(path).Length > 0, $"{path} is empty");
        var doc = XDocument.Load(path);
        XNamespace svg = "http://www.w3.org/2000/svg";
        Assert.Equal(svg + "svg", doc.Root!.Name);
        return [.. doc.Descendants(svg + "text").Select(t => t.Value.Trim())];
    }

    /// <summary>Asserts <c>stem.png</c> and <c>stem.svg</c> in <paramref name="folder"/>; returns the SVG's
    /// text runs.</summary>
    public static IReadOnlyList<string> IsPlot(string folder, string stem)
    {
        IsPng(Path.Combine(folder, stem + ".png"));
        return IsSvg(Path.Combine(folder, stem + ".svg"));
    }
}
