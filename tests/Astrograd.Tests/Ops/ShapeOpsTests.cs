namespace Astrograd.Tests.Ops;

public class ShapeOpsTests
{
    private static Tensor<double> Matrix(int rows, int cols)
    {
        var t = Tensor.Arange<double>(0, rows * cols).Reshape(rows, cols).Clone();
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void Reshape_infers_the_minus_one_dimension_and_shares_storage()
    {
        var x = Tensor.Arange<double>(0, 12);

        var y = x.Reshape(3, -1);
        x.Span[5] = 50;

        Assert.Equal(new[] { 3, 4 }, y.Shape.ToArray());
        Assert.Equal(50, y[1, 1]);
    }

    [Fact]
    public void Reshape_passes_the_gradient_back_in_row_major_order()
    {
        var x = Matrix(2, 3);
        var w = Tensor.Arange<double>(1, 7).Reshape(3, 2);

        (x.Reshape(3, 2) * w).Sum().Backward();

        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Transpose_swaps_the_last_two_axes_by_default()
    {
        var x = Matrix(2, 3);
        var w = Tensor.Arange<double>(1, 7).Reshape(3, 2);

        var y = x.Transpose();
        (y * w).Sum().Backward();

        Assert.Equal(new[] { 3, 2 }, y.Shape.ToArray());
        Assert.Equal(new double[] { 0, 3, 1, 4, 2, 5 }, y.ToArray());
        Assert.Equal(new double[] { 1, 3, 5, 2, 4, 6 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Transpose_of_outer_axes_moves_whole_rows()
    {
        var x = Tensor.Arange<double>(0, 24).Reshape(2, 3, 4);

        var y = x.Transpose(0, 2);

        Assert.Equal(new[] { 4, 3, 2 }, y.Shape.ToArray());
        Assert.Equal(x[1, 2, 3], y[3, 2, 1]);
        Assert.Equal(x[0, 1, 2], y[2, 1, 0]);
    }

    [Fact]
    public void Transpose_is_a_copy()
    {
        var x = Tensor.Arange<double>(0, 4).Reshape(2, 2);

        var y = x.Transpose();
        x.Span[1] = 100;

        Assert.Equal(1, y[1, 0]);
    }

    [Fact]
    public void Rows_is_a_view_and_its_gradient_lands_on_the_chosen_rows_only()
    {
        var x = Matrix(4, 2);

        var y = x.Rows(1, 2);
        y.Sum().Backward();
        x.Span[2] = 99;

        Assert.Equal(new[] { 2, 2 }, y.Shape.ToArray());
        Assert.Equal(99, y[0, 0]);
        Assert.Equal(new double[] { 0, 0, 1, 1, 1, 1, 0, 0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Slice_along_columns_copies_and_routes_the_gradient()
    {
        var x = Matrix(2, 4);

        var y = x.Slice(1, 1, 2);
        y.Sum().Backward();

        Assert.Equal(new double[] { 1, 2, 5, 6 }, y.ToArray());
        Assert.Equal(new double[] { 0, 1, 1, 0, 0, 1, 1, 0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Concat_joins_along_an_axis_and_splits_the_gradient()
    {
        var a = Matrix(2, 1);
        var b = Matrix(2, 2);
        var w = Tensor.Arange<double>(1, 7).Reshape(2, 3);

        var y = Tensor.Concat([a, b], axis: 1);
        (y * w).Sum().Backward();

        Assert.Equal(new[] { 2, 3 }, y.Shape.ToArray());
        Assert.Equal(new double[] { 0, 0, 1, 1, 2, 3 }, y.ToArray());
        Assert.Equal(new double[] { 1, 4 }, a.Grad!.ToArray());
        Assert.Equal(new double[] { 2, 3, 5, 6 }, b.Grad!.ToArray());
    }

    [Fact]
    public void Concat_of_one_tensor_is_a_copy_of_it()
    {
        var a = Matrix(2, 2);

        var y = Tensor.Concat([a]);

        Assert.Equal(a.ToArray(), y.ToArray());
    }

    [Fact]
    public void Gather_repeats_rows_and_their_gradients_accumulate()
    {
        var x = Matrix(3, 2);

        var y = x.Gather(2, 0, 2);
        y.Sum().Backward();

        Assert.Equal(new double[] { 4, 5, 0, 1, 4, 5 }, y.ToArray());
        Assert.Equal(new double[] { 1, 1, 0, 0, 2, 2 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Gather_with_no_indices_gives_zero_rows()
    {
        var x = Matrix(3, 2);

        var y = x.Gather();

        Assert.Equal(new[] { 0, 2 }, y.Shape.ToArray());
    }

    [Fact]
    public void Gather_copies_its_indices_so_later_changes_do_not_move_the_gradient()
    {
        var x = Matrix(3, 1);
        int[] picks = [1];

        var y = x.Gather(picks);
        picks[0] = 2;
        y.Sum().Backward();

        Assert.Equal(new double[] { 0, 1, 0 }, x.Grad!.ToArray());
    }
}
