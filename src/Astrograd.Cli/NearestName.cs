namespace Astrograd.Cli;

/// <summary>The closest of a set of names to a mistyped one, for "did you mean": an option, a command, a key.
/// </summary>
internal static class NearestName
{
    /// <summary>The name within two edits of <paramref name="word"/> (and fewer edits than it has letters; case
    /// does not count), the first in ordinal order among the closest; null when none is that close.</summary>
    public static string? Find(string word, IEnumerable<string> names)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var d = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                (best, bestDistance) = (candidate, d);
            }
        }

        return bestDistance <= 2 && bestDistance < word.TrimStart('-').Length ? best : null;
    }

    // Levenshtein distance, one row at a time.
    private static int Distance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + cost);
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
