using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Astrograd.Kernels;

/// <summary>
/// Masked gradient accumulation: dst += (condition ? g : 0) and its relatives, for the ops whose local
/// derivative is 0 or ±1 (abs, clamp, maximum, minimum, where). Positions that are not selected receive
/// exactly 0 (a select, never a multiplication by 0), so an inf or NaN in g there cannot leak through.
/// </summary>
/// <remarks>
/// Each kernel runs a <see cref="Vector{T}"/> loop and finishes with its scalar form; the scalar forms
/// (suffix <c>Scalar</c>) are the whole computation when hardware acceleration is off, and tests check both
/// against a plain reference at every length.
/// </remarks>
internal static class MaskKernels
{
    /// <summary>dst += (low &lt; x &lt; high) ? g : 0, strictly inside; NaN x selects nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddWhereInside<T>(ReadOnlySpan<T> x, T low, T high, ReadOnlySpan<T> g, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == g.Length && x.Length == dst.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var lo = new Vector<T>(low);
            var hi = new Vector<T>(high);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var xv = Load(x, i);
                var inside = Vector.GreaterThan(xv, lo) & Vector.LessThan(xv, hi);
                Store(Load(dst, i) + Vector.ConditionalSelect(inside, Load(g, i), Vector<T>.Zero), dst, i);
            }
        }

        AddWhereInsideScalar(x[i..], low, high, g[i..], dst[i..]);
    }

    /// <summary>The scalar form of <see cref="AddWhereInside{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddWhereInsideScalar<T>(ReadOnlySpan<T> x, T low, T high, ReadOnlySpan<T> g, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < x.Length; i++)
        {
            // Adding an explicit 0 (not skipping) matches the vector loop bit for bit, signed zeros included.
            dst[i] += x[i] > low && x[i] < high ? g[i] : T.Zero;
        }
    }

    /// <summary>
    /// dst += ((x &gt; y) == <paramref name="whenGreater"/>) ? g : 0. An unordered pair (a NaN) counts as not
    /// greater.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddWhereGreater<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dst,
        bool whenGreater)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == y.Length && x.Length == g.Length && x.Length == dst.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var greater = Vector.GreaterThan(Load(x, i), Load(y, i));
                var gv = Load(g, i);
                var add = whenGreater
                    ? Vector.ConditionalSelect(greater, gv, Vector<T>.Zero)
                    : Vector.ConditionalSelect(greater, Vector<T>.Zero, gv);
                Store(Load(dst, i) + add, dst, i);
            }
        }

        AddWhereGreaterScalar(x[i..], y[i..], g[i..], dst[i..], whenGreater);
    }

    /// <summary>The scalar form of <see cref="AddWhereGreater{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddWhereGreaterScalar<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g,
        Span<T> dst, bool whenGreater)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < x.Length; i++)
        {
            dst[i] += (x[i] > y[i]) == whenGreater ? g[i] : T.Zero;
        }
    }

    /// <summary>
    /// dst += ((mask ≠ 0) == <paramref name="whenNonZero"/>) ? g : 0. NaN in the mask counts as non-zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddWhereNonZero<T>(ReadOnlySpan<T> mask, ReadOnlySpan<T> g, Span<T> dst, bool whenNonZero)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(mask.Length == g.Length && mask.Length == dst.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; i <= mask.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var zero = Vector.Equals(Load(mask, i), Vector<T>.Zero);
                var gv = Load(g, i);
                var add = whenNonZero
                    ? Vector.ConditionalSelect(zero, Vector<T>.Zero, gv)
                    : Vector.ConditionalSelect(zero, gv, Vector<T>.Zero);
                Store(Load(dst, i) + add, dst, i);
            }
        }

        AddWhereNonZeroScalar(mask[i..], g[i..], dst[i..], whenNonZero);
    }

    /// <summary>The scalar form of <see cref="AddWhereNonZero{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddWhereNonZeroScalar<T>(ReadOnlySpan<T> mask, ReadOnlySpan<T> g, Span<T> dst,
        bool whenNonZero)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < mask.Length; i++)
        {
            dst[i] += (mask[i] != T.Zero) == whenNonZero ? g[i] : T.Zero;
        }
    }

    /// <summary>dst = (mask ≠ 0) ? a : b, elementwise (NaN in the mask counts as non-zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Select<T>(ReadOnlySpan<T> mask, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(mask.Length == a.Length && mask.Length == b.Length && mask.Length == dst.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; i <= mask.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var zero = Vector.Equals(Load(mask, i), Vector<T>.Zero);
                Store(Vector.ConditionalSelect(zero, Load(b, i), Load(a, i)), dst, i);
            }
        }

        SelectScalar(mask[i..], a[i..], b[i..], dst[i..]);
    }

    /// <summary>The scalar form of <see cref="Select{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SelectScalar<T>(ReadOnlySpan<T> mask, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < mask.Length; i++)
        {
            dst[i] = mask[i] != T.Zero ? a[i] : b[i];
        }
    }

    /// <summary>dst += sign(x) · g with sign(±0) = 0 (the subgradient abs′(0) = 0) and sign(NaN) = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddSignTimes<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> g, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == g.Length && x.Length == dst.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var xv = Load(x, i);
                var gv = Load(g, i);
                var add = Vector.ConditionalSelect(Vector.GreaterThan(xv, Vector<T>.Zero), gv,
                    Vector.ConditionalSelect(Vector.LessThan(xv, Vector<T>.Zero), -gv, Vector<T>.Zero));
                Store(Load(dst, i) + add, dst, i);
            }
        }

        AddSignTimesScalar(x[i..], g[i..], dst[i..]);
    }

    /// <summary>The scalar form of <see cref="AddSignTimes{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddSignTimesScalar<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> g, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < x.Length; i++)
        {
            dst[i] += x[i] > T.Zero ? g[i] : x[i] < T.Zero ? -g[i] : T.Zero;
        }
    }

    /// <summary>
    /// dst += (a = 0 and b ≥ 0) ? 0 : product: the exponent gradient of aᵇ, where product = g·aᵇ·ln a is
    /// 0·(−∞) = NaN at a zero base although aᵇ is flat (0 for every b &gt; 0) there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddExceptZeroBase<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> product,
        Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(a.Length == b.Length && a.Length == product.Length && a.Length == dst.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; i <= a.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var skip = Vector.Equals(Load(a, i), Vector<T>.Zero) &
                    Vector.GreaterThanOrEqual(Load(b, i), Vector<T>.Zero);
                Store(Load(dst, i) + Vector.ConditionalSelect(skip, Vector<T>.Zero, Load(product, i)), dst, i);
            }
        }

        AddExceptZeroBaseScalar(a[i..], b[i..], product[i..], dst[i..]);
    }

    /// <summary>The scalar form of <see cref="AddExceptZeroBase{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddExceptZeroBaseScalar<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> product,
        Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < a.Length; i++)
        {
            dst[i] += a[i] == T.Zero && b[i] >= T.Zero ? T.Zero : product[i];
        }
    }

    private static Vector<T> Load<T>(ReadOnlySpan<T> s, int i)
        where T : unmanaged => Vector.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i);

    private static Vector<T> Load<T>(Span<T> s, int i)
        where T : unmanaged => Vector.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Store<T>(Vector<T> v, Span<T> s, int i)
        where T : unmanaged => v.StoreUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i);
}
