using Astrograd.Losses;

namespace Astrograd.Tests.Losses;

// A NaN target is a missing label for every loss, the error-aware ones included: per element, as with several
// targets where one is missing and the other known.
public class NaNTargetMaskTests
{
    private static readonly double[] _targets = [0.5, double.NaN, -1.0, 2.0];

    private static (double Loss, double[] Grad) Run(Func<Tensor<double>, Tensor<double>, Tensor<double>> loss,
        double[] output, double[] targets, int width)
    {
        var o = Tensor.FromArray(output, 2, width);
        o.RequiresGrad = true;
        var l = loss(o, Tensor.FromArray(targets, 2, 2));
        l.Backward();
        return (l.Item(), o.Grad!.ToArray());
    }

    // The same loss with the missing element given an explicit 0 in the mask.
    private static Tensor<double> Mask() => Tensor.FromArray(new double[] { 1, 0, 1, 1 }, 2, 2);

    [Fact]
    public void Chi2_skips_a_nan_target_as_its_mask_would()
    {
        var v = Tensor.FromArray(new double[] { 0.5, 1, 2, 4 }, 2, 2);
        double[] p = [0.1, 0.2, 0.3, 0.4];
        var nan = Run((o, t) => ChiSquare.Compute(o, t, v), p, _targets, 2);
        var masked = Run((o, t) => ChiSquare.Compute(o, t, v, mask: Mask()), p, [0.5, 7.0, -1.0, 2.0], 2);

        Assert.True(double.IsFinite(nan.Loss));
        Assert.Equal(masked.Loss, nan.Loss, 12);
        Assert.Equal(masked.Grad, nan.Grad);
        Assert.Equal(0.0, nan.Grad[1]);
    }

    [Fact]
    public void Gaussian_and_student_t_skip_a_nan_target_in_both_heads()
    {
        double[] o = [0.1, 0.2, -0.5, 0.3, 0.3, 0.4, 0.1, -0.2];
        foreach (var loss in new Func<Tensor<double>, Tensor<double>, Tensor<double>?, Tensor<double>>[]
        {
            (x, t, m) => GaussianNll.Compute(x, t, mask: m),
            (x, t, m) => StudentTNll.Compute(x, t, 3, mask: m),
        })
        {
            var nan = Run((x, t) => loss(x, t, null), o, _targets, 4);
            var masked = Run((x, t) => loss(x, t, Mask()), o, [0.5, 7.0, -1.0, 2.0], 4);

            Assert.True(double.IsFinite(nan.Loss));
            Assert.Equal(masked.Loss, nan.Loss, 12);
            Assert.Equal(masked.Grad, nan.Grad);
            Assert.All(nan.Grad, g => Assert.True(double.IsFinite(g)));
        }
    }
}
