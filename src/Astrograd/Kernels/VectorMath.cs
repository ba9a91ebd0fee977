using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Astrograd.Kernels;

/// <summary>
/// Fused multiply-add on generic vectors. The type tests fold away when the JIT specialises for
/// float or double, leaving one instruction.
/// </summary>
internal static class VectorMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        }

        throw new NotSupportedException($"Gemm: element type {typeof(T).Name} is not supported; use float or double.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma<T>(Vector256<T> x, Vector256<T> y, Vector256<T> z)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        }

        throw new NotSupportedException($"Gemm: element type {typeof(T).Name} is not supported; use float or double.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static System.Numerics.Vector<T> Fma<T>(System.Numerics.Vector<T> x, System.Numerics.Vector<T> y,
        System.Numerics.Vector<T> z)
    {
        if (typeof(T) == typeof(float))
        {
            return System.Numerics.Vector.As<float, T>(System.Numerics.Vector.FusedMultiplyAdd(
                System.Numerics.Vector.As<T, float>(x), System.Numerics.Vector.As<T, float>(y),
                System.Numerics.Vector.As<T, float>(z)));
        }

        if (typeof(T) == typeof(double))
        {
            return System.Numerics.Vector.As<double, T>(System.Numerics.Vector.FusedMultiplyAdd(
                System.Numerics.Vector.As<T, double>(x), System.Numerics.Vector.As<T, double>(y),
                System.Numerics.Vector.As<T, double>(z)));
        }

        throw new NotSupportedException($"Gemm: element type {typeof(T).Name} is not supported; use float or double.");
    }
}
