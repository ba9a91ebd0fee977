namespace Astrograd;

/// <summary>
/// numpy's broadcasting rules: shapes are aligned at their last dimension, and each pair of dimensions
/// must be equal or one of them 1; a missing leading dimension counts as 1.
/// </summary>
internal static class Broadcast
{
    /// <summary>The broadcast shape of <paramref name="a"/> and <paramref name="b"/>, or an error naming the
    /// op.</summary>
    public static Shape Result(string op, Shape a, Shape b)
    {
        if (a == b)
        {
            return a;
        }

        var rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = DimFromEnd(a, rank - 1 - i);
            var db = DimFromEnd(b, rank - 1 - i);
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException(
                    $"{op}: shapes {a} and {b} cannot be broadcast: dimension {da} vs {db} at axis {i - rank} " +
                    "(sizes must match or one of them must be 1).");
            }

            dims[i] = da == 1 ? db : da;
        }

        return new Shape(dims);
    }

    /// <summary>
    /// The strides (in elements) with which to read <paramref name="operand"/> while walking
    /// <paramref name="result"/> in row-major order: 0 along every broadcast dimension.
    /// </summary>
    public static int[] Strides(Shape operand, Shape result)
    {
        var strides = new int[result.Rank];
        var own = operand.Strides();
        var shift = result.Rank - operand.Rank;
        for (var i = 0; i < operand.Rank; i++)
        {
            strides[i + shift] = operand.Dims[i] == 1 && result.Dims[i + shift] != 1 ? 0 : own[i];
        }

        return strides;
    }

    private static int DimFromEnd(Shape s, int fromEnd) => fromEnd < s.Rank ? s.Dims[s.Rank - 1 - fromEnd] : 1;
}
