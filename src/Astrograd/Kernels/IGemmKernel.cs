namespace Astrograd.Kernels;

/// <summary>
/// A register-tiled micro-kernel and the cache block sizes that suit it. The driver
/// (<see cref="GemmDriver{T, TKernel}"/>) packs operands into the layout described here and calls
/// <see cref="Run"/> once per output tile.
/// </summary>
/// <remarks>
/// Packed A: for each of the <c>kc</c> steps, <see cref="Mr"/> consecutive values (one per tile row).
/// Packed B: for each of the <c>kc</c> steps, <c>width</c> consecutive values (one per tile column).
/// Consecutive steps are lda and ldb values apart.
/// </remarks>
internal unsafe interface IGemmKernel<T>
    where T : unmanaged
{
    /// <summary>Rows of C per tile.</summary>
    static abstract int Mr { get; }

    /// <summary>Columns of C per full tile.</summary>
    static abstract int Nr { get; }

    /// <summary>
    /// The width, at most <see cref="Nr"/>, that a strip of <paramref name="cols"/> columns is padded to:
    /// a width the kernel has a variant for.
    /// </summary>
    static abstract int PackedWidth(int cols);

    /// <summary>Depth of one packed block (so a packed B strip stays in L1).</summary>
    static abstract int Kc { get; }

    /// <summary>Rows of one packed A block (so it stays in L2); a multiple of <see cref="Mr"/>.</summary>
    static abstract int Mc { get; }

    /// <summary>Columns of one packed B block; a multiple of <see cref="Nr"/>.</summary>
    static abstract int Nc { get; }

    /// <summary>The rows that <see cref="Run"/> computes and writes when asked for <paramref name="rows"/>.</summary>
    static abstract int RowsComputed(int rows);

    /// <summary>
    /// Computes the tile T[i, j] = Σ_p a[p·lda + i] · b[p·ldb + j] over p &lt; kc, for
    /// i &lt; <see cref="RowsComputed"/>(rows) and j &lt; width, and writes c[i·ldc + j] = T[i, j] (or
    /// c[i·ldc + j] + T[i, j] when <paramref name="add"/>). <paramref name="width"/> is <see cref="Nr"/>
    /// or a <see cref="PackedWidth"/>. Packed operands have lda = Mr and ldb = width;
    /// small operands already in that orientation are read in place with their own row stride.
    /// </summary>
    static abstract void Run(int kc, T* a, nint lda, T* b, nint ldb, int width, int rows, T* c, nint ldc, bool add);
}

/// <summary>A compile-time count of vectors per tile row, so one kernel body serves full and narrow strips.</summary>
internal interface IVectorCount
{
    static abstract int Count { get; }
}

/// <summary>One vector per tile row.</summary>
internal readonly struct OneVector : IVectorCount
{
    public static int Count => 1;
}

/// <summary>Two vectors per tile row.</summary>
internal readonly struct TwoVectors : IVectorCount
{
    public static int Count => 2;
}

/// <summary>A compile-time count of tile rows, so one kernel body serves the short tiles at the bottom of C.</summary>
internal interface IRowCount
{
    static abstract int Count { get; }
}

internal readonly struct Rows1 : IRowCount
{
    public static int Count => 1;
}

internal readonly struct Rows2 : IRowCount
{
    public static int Count => 2;
}

internal readonly struct Rows4 : IRowCount
{
    public static int Count => 4;
}

internal readonly struct Rows6 : IRowCount
{
    public static int Count => 6;
}

internal readonly struct Rows8 : IRowCount
{
    public static int Count => 8;
}

internal readonly struct Rows12 : IRowCount
{
    public static int Count => 12;
}
