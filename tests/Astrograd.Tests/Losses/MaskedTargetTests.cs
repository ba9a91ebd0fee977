using Astrograd.Losses;

namespace Astrograd.Tests.Losses;

/// <summary>
/// A NaN target is a missing label: each pointwise loss leaves that element out of its value, of the mean's count
/// and of the gradient, per element of a [n, k] target, and the gradient stays finite.
/// </summary>
public sealed class MaskedTargetTests
{
    private const double NaN = double.NaN;

    private static Tensor<double> Leaf(double[] values, params int[] shape)
    {
        var t = Tensor.FromArray(values, shape);
        t.RequiresGrad = true;
        return t;
    }

    public static TheoryData<string> Losses => ["l1", "l2", "huber", "bce"];

    private static Tensor<double> Apply(string loss, Tensor<double> p, Tensor<double> t, Reduction reduction) =>
        loss switch
        {
            "l1" => Loss.L1(p, t, reduction),
            "l2" => Loss.L2(p, t, reduction),
            "huber" => Loss.Huber(p, t, 1.0, reduction),
            _ => Loss.BinaryCrossEntropyWithLogits(p, t, reduction),
        };

    [Theory]
    [MemberData(nameof(Losses))]
    public void A_masked_element_counts_for_nothing_in_the_value_or_the_mean(string loss)
    {
        // Row 0 lacks its second output, row 2 its first: four labelled elements of six.
        var p = Leaf([0.3, 2.5, -1.2, 0.7, 0.9, -0.4], 3, 2);
        var t = Tensor.FromArray(new[] { 1.0, NaN, 0.0, 1.0, NaN, 0.0 }, 3, 2);
        var labelledP = Tensor.FromArray(new[] { 0.3, -1.2, 0.7, -0.4 }, 4);
        var labelledT = Tensor.FromArray(new[] { 1.0, 0.0, 1.0, 0.0 }, 4);

        foreach (var reduction in new[] { Reduction.Mean, Reduction.Sum })
        {
            var masked = Apply(loss, p, t, reduction).Item();
            var expected = Apply(loss, labelledP, labelledT, reduction).Item();

            Assert.Equal(expected, masked, 12);
        }
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void The_gradient_is_zero_at_masked_elements_finite_everywhere_and_passes_the_gradient_check(string loss)
    {
        var t = Tensor.FromArray(new[] { 1.0, NaN, 0.0, 1.0, NaN, 0.0, 0.25, NaN }, 4, 2);
        var p = Leaf([0.3, 2.5, -1.2, 0.7, 0.9, -0.4, 0.1, 5.0], 4, 2);

        Apply(loss, p, t, Reduction.Mean).Backward();
        var grad = p.Grad!.ToArray();
        var check = GradCheck.Check(x => Apply(loss, x[0], t, Reduction.Mean),
            [Tensor.FromArray(new[] { 0.3, 2.5, -1.2, 0.7, 0.9, -0.4, 0.1, 5.0 }, 4, 2)]);

        Assert.All(grad, g => Assert.True(double.IsFinite(g)));
        Assert.Equal([0.0, 0.0, 0.0], new[] { grad[1], grad[4], grad[7] });
        Assert.True(check.Passed, check.ToString());
    }

    [Fact]
    public void A_batch_without_any_label_has_loss_zero_and_gradient_zero()
    {
        var p = Leaf([0.3, 2.5], 2, 1);
        var t = Tensor.FromArray(new[] { NaN, NaN }, 2, 1);

        var loss = Loss.L2(p, t);
        loss.Backward();

        Assert.Equal(0.0, loss.Item());
        Assert.Equal([0.0, 0.0], p.Grad!.ToArray());
    }

    [Fact]
    public void Row_weights_still_apply_to_the_labelled_elements()
    {
        var p = Leaf([1.0, 2.0, 3.0], 3);
        var t = Tensor.FromArray(new[] { 0.0, NaN, 0.0 }, 3);
        var w = Tensor.FromArray(new[] { 1.0, 5.0, 3.0 }, 3);

        var loss = Loss.L2(p, t, Reduction.Mean, w).Item();

        // (1·1 + 3·9) / (1 + 3): the masked row's weight is not in the count.
        Assert.Equal(7.0, loss, 12);
    }
}
