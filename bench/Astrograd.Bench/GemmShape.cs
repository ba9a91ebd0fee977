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

        // Batch 64 through an 8 → 64 layer and a 64 → 64 layer, a weight gradient gᵀ·x (g [64, 64]
        // stored, x [64, 8]), and a batch of 512 through a 256 → 256 layer. Names stay short for tables.
        shapes.Add(new GemmShape("x64x8·W8x64", 64, 64, 8, false, false));
        shapes.Add(new GemmShape("x64x64·Wᵀ64x64", 64, 64, 64, false, true));
        shapes.Add(new GemmShape("gᵀ64x64·x64x8", 64, 8, 64, true, false));
        shapes.Add(new GemmShape("x512x256·Wᵀ256x256", 512, 256, 256, false, true));

        // Every product of one MLP-HTRU2 step (8-64-64-1, batch 64), forward then backward.
        shapes.Add(new GemmShape("mlp fwd1 64x8·Wᵀ", 64, 64, 8, false, true));
        shapes.Add(new GemmShape("mlp fwd2 64x64·Wᵀ", 64, 64, 64, false, true));
        shapes.Add(new GemmShape("mlp fwd3 64x64·Wᵀ1", 64, 1, 64, false, true));
        shapes.Add(new GemmShape("mlp dh2 g64x1·W", 64, 64, 1, false, false));
        shapes.Add(new GemmShape("mlp dW3 gᵀ1·h", 1, 64, 64, true, false));
        shapes.Add(new GemmShape("mlp dh1 g·W 64", 64, 64, 64, false, false));
        shapes.Add(new GemmShape("mlp dW2 gᵀ·h 64", 64, 64, 64, true, false));
        shapes.Add(new GemmShape("mlp dW1 gᵀ·x 64x8", 64, 8, 64, true, false));
        return shapes;
    }
}
