using System.Text;
using System.Text.RegularExpressions;

namespace Astrograd.Cli.Reports;

/// <summary>Text and pictures made safe to put into an HTML page that is also well-formed XML.</summary>
internal static partial class Html
{
    /// <summary><paramref name="text"/> with &amp;, &lt;, &gt; and both quotes escaped, so that it reads as text in
    /// an element or an attribute; characters XML does not allow become U+FFFD.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' or '\n' or '\r' => c.ToString(),
                < ' ' or '\uFFFE' or '\uFFFF' => "\uFFFD",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>
    /// An SVG file's text ready to sit inline in a page beside others: the XML declaration and any doctype
    /// dropped, and every id (with the references to it) prefixed by <paramref name="prefix"/>, because ids are
    /// shared by the whole page and each plot numbers its clip paths from 0.
    /// </summary>
    public static string InlineSvg(string svg, string prefix)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidDataException($"report: the plot '{prefix}' holds no <svg> element");
        }

        var body = svg[start..];
        body = IdAttribute().Replace(body, m => $"{m.Groups["head"].Value}{prefix}-{m.Groups["id"].Value}");
        return IdReference().Replace(body, m => $"{m.Groups["head"].Value}{prefix}-{m.Groups["id"].Value}");
    }

    [GeneratedRegex(@"(?<head>\sid="")(?<id>[^""]+)")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"(?<head>url\(#|href=""#)(?<id>[^"")]+)")]
    private static partial Regex IdReference();
}
