using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Astrograd.Kernels;

/// <summary>The rectifiers relu(x) = max(x, 0) and leaky relu, and their backward rules, over spans.</summary>
internal static class ReluKernels
{
    /// <summary>y = max(x, 0); relu(NaN) = NaN, relu(−0) = +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == y.Length);
        TensorPrimitives.Max(x, T.Zero, y);
    }

    /// <summary>dx += g where y &gt; 0, from the saved output y = relu(x); relu′(0) = 0 (and 0 at NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(y.Length == g.Length && y.Length == dx.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; i <= y.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var positive = Vector.GreaterThan(new Vector<T>(y[i..]), Vector<T>.Zero);
                var passed = Vector.ConditionalSelect(positive, new Vector<T>(g[i..]), Vector<T>.Zero);
                var d = new Vector<T>(dx[i..]) + passed;
                d.CopyTo(dx[i..]);
            }
        }

        for (; i < y.Length; i++)
        {
            if (y[i] > T.Zero)
            {
                dx[i] += g[i];
            }
        }
    }

    /// <summary>y = x for x &gt; 0, else slope · x (NaN stays NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LeakyForward<T>(ReadOnlySpan<T> x, T slope, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == y.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var s = new Vector<T>(slope);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var xi = new Vector<T>(x[i..]);
                Vector.ConditionalSelect(Vector.GreaterThan(xi, Vector<T>.Zero), xi, xi * s).CopyTo(y[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] = x[i] > T.Zero ? x[i] : slope * x[i];
        }
    }

    /// <summary>
    /// dx += g · (x &gt; 0 ? 1 : slope), from the saved input x (the output cannot tell the sides apart when
    /// slope ≤ 0). At x = 0 the derivative is slope.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LeakyBackward<T>(ReadOnlySpan<T> x, T slope, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(x.Length == g.Length && x.Length == dx.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var s = new Vector<T>(slope);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gi = new Vector<T>(g[i..]);
                var positive = Vector.GreaterThan(new Vector<T>(x[i..]), Vector<T>.Zero);
                var d = new Vector<T>(dx[i..]) + Vector.ConditionalSelect(positive, gi, gi * s);
                d.CopyTo(dx[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            dx[i] += x[i] > T.Zero ? g[i] : slope * g[i];
        }
    }
}
