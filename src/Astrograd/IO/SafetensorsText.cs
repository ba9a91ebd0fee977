using System.Globalization;
using System.Text;

namespace Astrograd.IO;

/// <summary>Formatting for safetensors messages: names from a hostile file must not break the one-line rule.</summary>
internal static class SafetensorsText
{
    private const int MaxQuotedLength = 120;

    /// <summary>The name in single quotes, control characters escaped, cut to a readable length.</summary>
    public static string Quote(string name)
    {
        var builder = new StringBuilder(Math.Min(name.Length, MaxQuotedLength) + 2);
        builder.Append('\'');
        foreach (var c in name.Length > MaxQuotedLength ? name.AsSpan(0, MaxQuotedLength) : name.AsSpan())
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        if (name.Length > MaxQuotedLength)
        {
            builder.Append('…');
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>The text with line breaks and other control characters replaced by spaces.</summary>
    public static string OneLine(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }

    /// <summary>True when <paramref name="text"/> has no unpaired surrogate, so it survives the trip through UTF-8
    /// unchanged (a lone surrogate would come back as U+FFFD).</summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A shape as <c>[2, 3]</c>.</summary>
    public static string Shape(IReadOnlyList<int> shape) =>
        "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}
