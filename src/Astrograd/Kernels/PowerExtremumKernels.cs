using System.Numerics;
using System.Numerics.Tensors;

namespace Astrograd.Kernels;

/// <summary>xʸ (IEEE pow: a negative base with a non-integer exponent gives NaN).</summary>
internal readonly struct PowKernel<T> : IBinaryKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Pow(x, y, d);

    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Pow(x, y, d);

    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Pow(x, y, d);
}

/// <summary>max(x, y), IEEE 754:2019 maximum: NaN if either is NaN, +0 above −0.</summary>
internal readonly struct MaximumKernel<T> : IBinaryKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Max(x, y, d);

    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Max(x, y, d);

    // maximum is symmetric (also in its NaN and signed-zero rules), so the operands may swap.
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Max(y, x, d);
}

/// <summary>min(x, y), IEEE 754:2019 minimum: NaN if either is NaN, −0 below +0.</summary>
internal readonly struct MinimumKernel<T> : IBinaryKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Min(x, y, d);

    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Min(x, y, d);

    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Min(y, x, d);
}

/// <summary>d = x (y ignored): through <see cref="BroadcastKernel"/> it expands x to a broadcast shape.</summary>
internal readonly struct CopyFirstKernel<T> : IBinaryKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => x.CopyTo(d);

    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => x.CopyTo(d);

    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => d.Fill(x);
}
