using System.Numerics;
using System.Runtime.CompilerServices;

namespace Astrograd.Kernels;

/// <summary>Routes a generic element type to the float or double matrix-product kernel.</summary>
internal static class GemmDispatch
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // typeof(T) tests are constants to the JIT: each instantiation keeps one branch.
        if (typeof(T) == typeof(float))
        {
            Gemm.Multiply(transA, transB, m, n, k, Cast<T, float>(a), Cast<T, float>(b), CastMut<T, float>(c),
                accumulate);
        }
        else if (typeof(T) == typeof(double))
        {
            Gemm.Multiply(transA, transB, m, n, k, Cast<T, double>(a), Cast<T, double>(b), CastMut<T, double>(c),
                accumulate);
        }
        else
        {
            throw new NotSupportedException($"MatMul: element type {typeof(T).Name} is not supported; use float " +
                $"or double.");
        }
    }

    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> s)
        where TFrom : unmanaged
        where TTo : unmanaged => System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(
            ref Unsafe.As<TFrom, TTo>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(s)), s.Length);

    private static Span<TTo> CastMut<TFrom, TTo>(Span<TFrom> s)
        where TFrom : unmanaged
        where TTo : unmanaged => System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
            ref Unsafe.As<TFrom, TTo>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(s)), s.Length);
}
