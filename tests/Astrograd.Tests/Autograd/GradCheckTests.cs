namespace Astrograd.Tests.Autograd;

public class GradCheckTests
{
    [Fact]
    public void MatMul_with_broadcast_bias_passes_the_elementwise_check()
    {
        var rng = new Rng(7);
        var x = Tensor.RandomNormal<double>(rng, [4, 3]);
        var w = Tensor.RandomNormal<double>(rng, [3, 5]);
        var b = Tensor.RandomNormal<double>(rng, [5]);

        var result = GradCheck.Check(t => t[0].MatMul(t[1]) + t[2], [x, w, b]);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Batched_matmul_passes_the_direction_check()
    {
        var rng = new Rng(8);
        var a = Tensor.RandomNormal<double>(rng, [2, 3, 4]);
        var b = Tensor.RandomNormal<double>(rng, [4, 2]);

        var result = GradCheck.CheckDirection(t => t[0].MatMul(t[1]).Mean(1) * t[0].Sum(), [a, b]);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void A_wrong_gradient_is_caught()
    {
        var x = Tensor.FromArray(new double[] { 1, 2 }, 2);

        // Mul of x by a detached copy of itself: backward sees only one factor, so half the true gradient.
        var result = GradCheck.Check(t => t[0] * t[0].Detach(), [x]);

        Assert.False(result.Passed);
    }
}
