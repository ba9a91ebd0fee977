namespace Astrograd.Kernels;

/// <summary>
/// One validated product C = (accumulate ? C : 0) + op(A) · op(B), with the operands pinned by the
/// caller for the duration of the call. Row-major, contiguous: op(A) is [M, K], op(B) is [K, N], C is [M, N].
/// </summary>
internal readonly unsafe struct GemmProblem<T>
    where T : unmanaged
{
    public GemmProblem(bool transA, bool transB, int m, int n, int k, T* a, T* b, T* c, bool accumulate)
    {
        TransA = transA;
        TransB = transB;
        M = m;
        N = n;
        K = k;
        A = (nint)a;
        B = (nint)b;
        C = (nint)c;
        Accumulate = accumulate;
    }

    /// <summary>A is stored [K, M] (so op(A) = Aᵀ) rather than [M, K].</summary>
    public bool TransA { get; }

    /// <summary>B is stored [N, K] (so op(B) = Bᵀ) rather than [K, N].</summary>
    public bool TransB { get; }

    public int M { get; }

    public int N { get; }

    public int K { get; }

    // Addresses rather than pointers, so the problem can be handed to worker threads.
    public nint A { get; }

    public nint B { get; }

    public nint C { get; }

    public bool Accumulate { get; }
}
