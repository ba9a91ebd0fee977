namespace Astrograd.Tests.Ops;

public class ReductionOpsTests
{
    [Fact]
    public void Max_of_all_elements_gives_the_gradient_to_the_first_maximum()
    {
        var x = Tensor.FromArray(new double[] { 3, 7, 7, 1 }, 2, 2);
        x.RequiresGrad = true;

        var y = x.Max();
        y.Backward();

        Assert.Equal(7, y.Item());
        Assert.Equal(new double[] { 0, 1, 0, 0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Min_of_all_elements_gives_the_gradient_to_the_first_minimum()
    {
        var x = Tensor.FromArray(new double[] { 3, 1, 7, 1 }, 4);
        x.RequiresGrad = true;

        x.Min().Backward();

        Assert.Equal(new double[] { 0, 1, 0, 0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Max_along_rows_with_keepDims_broadcasts_back_against_the_input()
    {
        var x = Tensor.FromArray(new double[] { 1, 9, 9, 4, 2, 0 }, 2, 3);
        x.RequiresGrad = true;

        var m = x.Max(1, keepDims: true);
        (x - m).Sum().Backward();

        Assert.Equal(new[] { 2, 1 }, m.Shape.ToArray());
        Assert.Equal(new double[] { 9, 4 }, m.ToArray());

        // d/dx Σ(x − max): 1 everywhere, minus the row's element count at its first arg-max.
        Assert.Equal(new double[] { 1, -2, 1, -2, 1, 1 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Min_along_the_first_axis_drops_it_and_routes_each_column()
    {
        var x = Tensor.FromArray(new double[] { 1, 5, 0, 5 }, 2, 2);
        x.RequiresGrad = true;

        var m = x.Min(0);
        m.Sum().Backward();

        Assert.Equal(new[] { 2 }, m.Shape.ToArray());
        Assert.Equal(new double[] { 0, 5 }, m.ToArray());
        Assert.Equal(new double[] { 0, 1, 1, 0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Max_along_a_middle_axis_finds_each_inner_position()
    {
        var x = Tensor.FromArray(new double[] { 1, 8, 5, 2, 3, 9, 0, 0 }, 2, 2, 2);

        var m = x.Max(1);

        Assert.Equal(new[] { 2, 2 }, m.Shape.ToArray());
        Assert.Equal(new double[] { 5, 8, 3, 9 }, m.ToArray());
    }

    [Fact]
    public void Max_of_an_empty_tensor_throws_naming_the_shape()
    {
        var x = Tensor.Zeros<double>(0, 3);

        var error = Assert.Throws<InvalidOperationException>(() => x.Max());
        var axisError = Assert.Throws<InvalidOperationException>(() => x.Max(0));

        Assert.Contains("Max", error.Message);
        Assert.Contains("[0, 3]", error.Message);
        Assert.Contains("length 0", axisError.Message);
    }

    [Fact]
    public void Max_along_an_empty_other_axis_gives_an_empty_result()
    {
        var x = Tensor.Zeros<double>(0, 3);

        var m = x.Max(1);

        Assert.Equal(new[] { 0 }, m.Shape.ToArray());
    }
}
