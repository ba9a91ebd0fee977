using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Astrograd.Kernels;

/// <summary>
/// Per-thread packing buffers, pinned and 64-byte aligned. They grow to the largest block a thread has
/// packed and are then reused, so steady-state products allocate nothing.
/// </summary>
internal static unsafe class GemmBuffers
{
    private const int Alignment = 64;

    [ThreadStatic]
    private static byte[]? _packedA;

    [ThreadStatic]
    private static byte[]? _packedB;

    /// <summary>This thread's buffer for packed A, with room for <paramref name="count"/> values.</summary>
    public static T* PackedA<T>(int count)
        where T : unmanaged => Rent<T>(ref _packedA, count);

    /// <summary>This thread's buffer for packed B, with room for <paramref name="count"/> values.</summary>
    public static T* PackedB<T>(int count)
        where T : unmanaged => Rent<T>(ref _packedB, count);

    private static T* Rent<T>(ref byte[]? slot, int count)
        where T : unmanaged
    {
        var bytes = ((long)count * sizeof(T)) + Alignment;
        if (slot is null || slot.Length < bytes)
        {
            // Pinned (on the pinned object heap) so the address stays valid without a fixed block.
            slot = GC.AllocateUninitializedArray<byte>(checked((int)bytes), pinned: true);
        }

        var start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(slot));
        return (T*)((start + Alignment - 1) & ~(nint)(Alignment - 1));
    }
}
