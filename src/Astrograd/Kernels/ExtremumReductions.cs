using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;

namespace Astrograd.Kernels;

/// <summary>
/// Maximum and minimum along one axis of a row-major array viewed as [outer, n, inner], with the position
/// of the winner, under the rules of <see cref="TensorPrimitives.IndexOfMax{T}"/>: the first NaN wins,
/// +0 beats −0 for the maximum (−0 beats +0 for the minimum), and among equal values the first wins.
/// </summary>
internal static class ExtremumReductions
{
    /// <summary>
    /// values[o, i] = extremum over j of src[o, j, i], and index[o, i] = that j. n must be at least 1.
    /// </summary>
    public static void Axis<T>(ReadOnlySpan<T> src, int outer, int n, int inner, bool minimum, Span<T> values,
        Span<int> index)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(n >= 1 && src.Length == outer * n * inner);
        Debug.Assert(values.Length == outer * inner && index.Length == outer * inner);

        if (inner == 1)
        {
            // The reduced axis is contiguous: one vectorised search per row.
            for (var o = 0; o < outer; o++)
            {
                var row = src.Slice(o * n, n);
                var j = minimum ? TensorPrimitives.IndexOfMin(row) : TensorPrimitives.IndexOfMax(row);
                index[o] = j;
                values[o] = row[j];
            }

            return;
        }

        AxisStrided(src, outer, n, inner, minimum, values, index);
    }

    /// <summary>The same as <see cref="Axis{T}"/>, walking the reduced axis row by row (any inner size).</summary>
    internal static void AxisStrided<T>(ReadOnlySpan<T> src, int outer, int n, int inner, bool minimum,
        Span<T> values, Span<int> index)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var o = 0; o < outer; o++)
        {
            var best = values.Slice(o * inner, inner);
            var at = index.Slice(o * inner, inner);
            src.Slice(o * n * inner, inner).CopyTo(best);
            at.Clear();

            // j outermost keeps the reads contiguous.
            for (var j = 1; j < n; j++)
            {
                var row = src.Slice(((o * n) + j) * inner, inner);
                for (var i = 0; i < inner; i++)
                {
                    if (Beats(row[i], best[i], minimum))
                    {
                        best[i] = row[i];
                        at[i] = j;
                    }
                }
            }
        }
    }

    /// <summary>Whether a later candidate <paramref name="x"/> replaces the current <paramref name="best"/>.</summary>
    internal static bool Beats<T>(T x, T best, bool minimum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (T.IsNaN(best))
        {
            return false;
        }

        if (T.IsNaN(x))
        {
            return true;
        }

        if (x == best)
        {
            // Only signed zeros compare equal yet differ.
            return minimum ? T.IsNegative(x) && !T.IsNegative(best) : !T.IsNegative(x) && T.IsNegative(best);
        }

        return minimum ? x < best : x > best;
    }
}
