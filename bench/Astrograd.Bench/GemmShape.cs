namespace Astrograd.Bench;

/// <summary>One matrix product to time: C[m, n] = op(A)[m, k] · op(B)[k, n].</summary>
public sealed record GemmShape(string Name, int M, int N, int K, bool TransA, bool TransB)
{
    /// <summary>Floating-point operations of one product (a multiply and an add per term).</summary>
    public double Flops => 2.0 * M * N * K;

    public override string ToString() => Name;

    /// <summary>Squares of each size in all four orientations, then the shapes of small MLPs.</summary>
    public static IReadOnlyList<GemmShape> Standard { get; } = BuildStandard();

    private static List<GemmShape> BuildStandard()
    {
        var shapes = new List<GemmShape>();
        foreach (var size in new[] { 64, 256, 512, 1024 })
        {
            foreach (var (transA, transB) in new[] { (false, false), (false, true), (true, false), (true, true) })
            {
                var tag = (transA ? "T" : "N") + (transB ? "T" : "N");
                shapes.Add(new GemmShape($"{size}^3 {tag}", size, size, size, transA, transB));
            }
        }

        // Batch 64 through an 8 → 64 layer, a 64 → 64 layer, its weight gradient gᵀ·x, and a wide batch.
        shapes.Add(new GemmShape("x[64,8]·W[8,64]", 64, 64, 8, false, false));
        shapes.Add(new GemmShape("x[64,64]·Wᵀ[64,64]", 64, 64, 64, false, true));
        shapes.Add(new GemmShape("gᵀ[64,64]ᵀ·x[64,8]", 64, 8, 64, true, false));
        shapes.Add(new GemmShape("x[512,256]·Wᵀ[256,256]", 512, 256, 256, false, true));
        return shapes;
    }
}
