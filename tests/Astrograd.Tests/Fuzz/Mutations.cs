using CsCheck;

namespace Astrograd.Tests.Fuzz;

/// <summary>
/// Generators of hostile inputs: random bytes, and mutations of a valid file (bit flips, truncations, byte
/// insertions and deletions, overwritten runs, duplicated chunks). Each generated case is a seed and a count;
/// the bytes follow from them through <see cref="Rng"/>, so a failing case replays exactly.
/// </summary>
internal static class Mutations
{
    /// <summary>Up to <paramref name="maxLength"/> uniformly random bytes.</summary>
    public static Gen<byte[]> RandomBytes(int maxLength) => Gen.Byte.Array[0, maxLength];

    /// <summary>1 to <paramref name="maxEdits"/> random edits of <paramref name="valid"/>.</summary>
    public static Gen<byte[]> Of(byte[] valid, int maxEdits = 6) =>
        Gen.Select(Gen.Int[1, maxEdits], Gen.ULong, (edits, seed) => Apply(valid, edits, seed));

    /// <summary>The edits of one case, applied in turn to a copy of <paramref name="valid"/>.</summary>
    public static byte[] Apply(byte[] valid, int edits, ulong seed)
    {
        var rng = new Rng(seed);
        var bytes = new List<byte>(valid);
        for (var e = 0; e < edits; e++)
        {
            Edit(bytes, rng);
        }

        return [.. bytes];
    }

    private static void Edit(List<byte> bytes, Rng rng)
    {
        var at = bytes.Count == 0 ? 0 : rng.NextInt(bytes.Count);
        switch (rng.NextInt(7))
        {
            case 0 when bytes.Count > 0:
                bytes[at] ^= (byte)(1 << rng.NextInt(8));
                break;
            case 1:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 2:
                bytes.Insert(at, (byte)rng.NextInt(256));
                break;
            case 3 when bytes.Count > 0:
                bytes.RemoveRange(at, Math.Min(1 + rng.NextInt(16), bytes.Count - at));
                break;
            case 4:
                for (var i = at; i < Math.Min(bytes.Count, at + 1 + rng.NextInt(8)); i++)
                {
                    bytes[i] = _interesting[rng.NextInt(_interesting.Length)];
                }

                break;
            case 5 when bytes.Count > 0:
                var length = Math.Min(1 + rng.NextInt(64), bytes.Count - at);
                bytes.InsertRange(rng.NextInt(bytes.Count), bytes.GetRange(at, length));
                break;
            default:
                if (bytes.Count > 0)
                {
                    bytes[at] = (byte)rng.NextInt(256);
                }

                break;
        }
    }

    // Bytes that sit on parser boundaries: separators, quotes, digits, signs, NUL, high bit.
    private static readonly byte[] _interesting =
        [0, 0xFF, 0x7F, 0x80, (byte)',', (byte)'"', (byte)'\n', (byte)'\r', (byte)'-', (byte)'9', (byte)'E',
            (byte)'=', (byte)'\'', (byte)' ', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)'#', (byte)';'];
}
