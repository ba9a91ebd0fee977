namespace Astrograd.Tests.Ops.Activations;

/// <summary>
/// Test-only float64 ops (exp, reciprocal, subtraction) that the gate-by-gate graphs of G2, G3 and G5 need
/// and this branch's core does not have yet. Once the core Exp, Div and Sub ops are merged these can be
/// replaced by them; they are kept minimal and use the same Record mechanism as real ops.
/// </summary>
internal static class ActivationTestOps
{
    /// <summary>y = eˣ, with ∂y/∂x = y.</summary>
    public static Tensor<double> ExpGate(Tensor<double> x)
    {
        var y = new Tensor<double>(x.Shape, x.ToArray().Select(Math.Exp).ToArray());
        return y.Record("test_exp", g =>
        {
            var dx = x.GradSpan();
            var ys = y.Span;
            for (var i = 0; i < dx.Length; i++)
            {
                dx[i] += g[i] * ys[i];
            }
        }, x);
    }

    /// <summary>y = 1/x, with ∂y/∂x = −y².</summary>
    public static Tensor<double> Reciprocal(Tensor<double> x)
    {
        var y = new Tensor<double>(x.Shape, x.ToArray().Select(v => 1 / v).ToArray());
        return y.Record("test_reciprocal", g =>
        {
            var dx = x.GradSpan();
            var ys = y.Span;
            for (var i = 0; i < dx.Length; i++)
            {
                dx[i] -= g[i] * ys[i] * ys[i];
            }
        }, x);
    }

    /// <summary>a − b as a + (−1)·b, from the core Add and Mul.</summary>
    public static Tensor<double> Minus(Tensor<double> a, Tensor<double> b) => a + (-1.0 * b);

    /// <summary>A scalar float64 leaf that requires grad.</summary>
    public static Tensor<double> Leaf(double value, string name) =>
        new(Shape.Scalar, [value]) { RequiresGrad = true, Name = name };
}
