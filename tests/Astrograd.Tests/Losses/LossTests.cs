using Astrograd.Losses;

namespace Astrograd.Tests.Losses;

public class LossTests
{
    private static Tensor<double> Leaf(params double[] v)
    {
        var t = Tensor.FromArray(v, v.Length);
        t.RequiresGrad = true;
        return t;
    }

    [Theory]
    [InlineData(Reduction.Mean, 2.5, new double[] { 1, 2 })]
    [InlineData(Reduction.Sum, 5.0, new double[] { 2, 4 })]
    public void P9_reduction_rescales_value_and_gradient(Reduction reduction, double value, double[] grad)
    {
        var p = Leaf(1, 2);
        var t = Tensor.FromArray(new double[] { 0, 0 }, 2);

        var loss = Loss.L2(p, t, reduction);
        loss.Backward();

        Assert.Equal(value, loss.Item(), 12);
        Assert.Equal(grad, p.Grad!.ToArray());
    }

    [Theory]
    [InlineData(100.0)]
    [InlineData(200.0)]
    public void P5_bce_from_a_saturated_logit_is_exact_and_its_gradient_is_sigma_minus_y(double logit)
    {
        var x = Leaf(logit);
        var y = Tensor.FromArray(new double[] { 0 }, 1);

        var loss = Loss.BinaryCrossEntropyWithLogits(x, y);
        loss.Backward();

        Assert.Equal(logit, loss.Item(), 12);
        Assert.Equal(1.0, x.Grad!.Item(), 12);
    }

    [Fact]
    public void P5_holds_in_float32_too()
    {
        var x = Tensor.FromArray(new float[] { 200f }, 1);
        var y = Tensor.FromArray(new float[] { 0f }, 1);

        Assert.Equal(200f, Loss.BinaryCrossEntropyWithLogits(x, y).Item());
    }

    [Fact]
    public void P4_cross_entropy_of_large_logits_does_not_overflow()
    {
        var logits = Tensor.FromArray(new double[] { 1000, 1001 }, 1, 2);
        logits.RequiresGrad = true;

        var loss = CrossEntropy.FromLogits(logits, [0]);
        loss.Backward();

        Assert.Equal(1.3132616875, loss.Item(), 9);
        Assert.Equal(0.2689414214 - 1, logits.Grad!.ToArray()[0], 9);
        Assert.Equal(0.7310585786, logits.Grad!.ToArray()[1], 9);
    }

    [Fact]
    public void P4_cross_entropy_in_float32()
    {
        var logits = Tensor.FromArray(new float[] { 1000, 1001 }, 1, 2);

        Assert.Equal(1.3132616875, CrossEntropy.FromLogits(logits, [0]).Item(), 6);
    }

    [Fact]
    public void Every_loss_passes_the_gradient_check_with_row_weights()
    {
        var rng = new Rng(3);
        var target = Tensor.RandomNormal<double>(rng, [5, 2]);
        var bits = Tensor.FromArray(new double[] { 0, 1, 1, 0, 1, 0, 0, 1, 1, 1 }, 5, 2);
        var w = Tensor.RandomUniform<double>(rng, [5], 0.5, 2);
        var p = Tensor.RandomNormal<double>(rng, [5, 2], std: 2);
        var logits = Tensor.RandomNormal<double>(rng, [5, 3]);
        int[] classes = [0, 2, 1, 1, 0];

        foreach (var r in new[] { Reduction.Mean, Reduction.Sum })
        {
            Assert.True(GradCheck.Check(t => Loss.L2(t[0], target, r, w), [p]).Passed);
            Assert.True(GradCheck.Check(t => Loss.L1(t[0], target, r, w), [p]).Passed);
            Assert.True(GradCheck.Check(t => Loss.Huber(t[0], target, 0.7, r, w), [p]).Passed);
            Assert.True(GradCheck.Check(t => Loss.BinaryCrossEntropyWithLogits(t[0], bits, r, w), [p]).Passed);
            Assert.True(GradCheck.Check(t => CrossEntropy.FromLogits(t[0], classes, r, w), [logits]).Passed);
        }
    }

    [Fact]
    public void Mismatched_shapes_name_both()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Loss.L2(Tensor.Zeros<double>(3, 1), Tensor.Zeros<double>(3)));

        Assert.Contains("[3, 1]", error.Message);
        Assert.Contains("[3]", error.Message);
    }
}
