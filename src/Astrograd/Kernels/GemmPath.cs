namespace Astrograd.Kernels;

/// <summary>The instruction-set path a matrix product runs on.</summary>
internal enum GemmPath
{
    /// <summary>Plain scalar code: runs everywhere, slowest.</summary>
    Scalar,

    /// <summary>256-bit vectors with fused multiply-add (AVX2 + FMA class hardware).</summary>
    Vector256,

    /// <summary>512-bit vectors with fused multiply-add (AVX-512 class hardware).</summary>
    Vector512,
}
