namespace Astrograd.Tests.Autograd;

public class BackwardTests
{
    private static Tensor<double> Leaf(double v, string name) =>
        new(Shape.Scalar, [v]) { RequiresGrad = true, Name = name };

    [Fact]
    public void G1_sum_times_z_gives_the_lecture_gradients()
    {
        var x = Leaf(-2, "x");
        var y = Leaf(5, "y");
        var z = Leaf(-4, "z");

        var q = x + y;
        var f = q * z;
        f.Backward();

        Assert.Equal(3, q.Item());
        Assert.Equal(-12, f.Item());
        Assert.Equal(-4, x.Grad!.Item());
        Assert.Equal(-4, y.Grad!.Item());
        Assert.Equal(3, z.Grad!.Item());
    }

    [Fact]
    public void P1_reuse_accumulates()
    {
        var x = Leaf(3, "x");

        (x * x).Backward();

        Assert.Equal(6, x.Grad!.Item());
    }

    [Fact]
    public void P1_diamond_follows_topological_order()
    {
        var a = Leaf(1, "a");

        var b = 2.0 * a;
        var c = b + 1.0;
        var d = 3.0 * b;
        var e = c + d;
        e.Backward();

        Assert.Equal(9, e.Item());
        Assert.Equal(8, a.Grad!.Item());
    }

    [Fact]
    public void P2_a_chain_of_100000_nodes_does_not_overflow_the_stack()
    {
        var x = Leaf(0, "x");

        var y = x;
        for (var i = 0; i < 100_000; i++)
        {
            y += 1.0;
        }

        y.Backward();

        Assert.Equal(100_000, y.Item());
        Assert.Equal(1, x.Grad!.Item());
    }

    [Fact]
    public void P13_backward_twice_with_the_graph_kept_accumulates_into_leaves()
    {
        var x = Leaf(3, "x");
        var y = x * x;

        y.Backward(retainGraph: true);
        Assert.Equal(6, x.Grad!.Item());
        y.Backward(retainGraph: true);

        Assert.Equal(12, x.Grad!.Item());
    }

    [Fact]
    public void Second_backward_on_a_released_graph_throws_naming_the_option()
    {
        var x = Leaf(3, "x");
        var y = x * x;
        y.Backward();

        var error = Assert.Throws<InvalidOperationException>(() => y.Backward());

        Assert.Contains("retainGraph", error.Message);
    }

    [Fact]
    public void Backward_on_a_non_scalar_without_seed_names_the_shape_and_suggests_sum()
    {
        var x = Tensor.Ones<double>(2, 3);
        x.RequiresGrad = true;
        var y = x * x;

        var error = Assert.Throws<InvalidOperationException>(() => y.Backward());

        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("Sum()", error.Message);
    }

    [Fact]
    public void Broadcast_operand_gradient_is_reduced_to_its_shape()
    {
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var b = Tensor.FromArray(new double[] { 10, 20, 30 }, 3);
        x.RequiresGrad = true;
        b.RequiresGrad = true;

        (x * b).Sum().Backward();

        Assert.Equal(new double[] { 5, 7, 9 }, b.Grad!.ToArray());
        Assert.Equal(new double[] { 10, 20, 30, 10, 20, 30 }, x.Grad!.ToArray());
    }

    [Fact]
    public void MatMul_gradients_are_G_Bt_and_At_G()
    {
        var a = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 2, 2);
        var b = Tensor.FromArray(new double[] { 5, 6, 7, 8 }, 2, 2);
        a.RequiresGrad = true;
        b.RequiresGrad = true;

        var c = a.MatMul(b);
        c.Sum().Backward();

        Assert.Equal(new double[] { 19, 22, 43, 50 }, c.ToArray());
        Assert.Equal(new double[] { 11, 15, 11, 15 }, a.Grad!.ToArray());
        Assert.Equal(new double[] { 4, 4, 6, 6 }, b.Grad!.ToArray());
    }

    [Fact]
    public void NoGrad_scope_records_nothing()
    {
        var x = Leaf(2, "x");

        Tensor<double> y;
        using (Astrograd.Autograd.NoGrad())
        {
            y = x * x;
        }

        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
    }
}
