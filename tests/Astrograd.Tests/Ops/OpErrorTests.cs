namespace Astrograd.Tests.Ops;

// Bad inputs fail at the op's entry with a message that names the op and the shapes involved.
public class OpErrorTests
{
    private static readonly Tensor<double> _m23 = Tensor.Zeros<double>(2, 3);
    private static readonly Tensor<double> _v4 = Tensor.Zeros<double>(4);

    public static TheoryData<string, Func<object>> BroadcastMismatches => new()
    {
        { "Add", () => _m23 + _v4 },
        { "Sub", () => _m23 - _v4 },
        { "Mul", () => _m23 * _v4 },
        { "Div", () => _m23 / _v4 },
        { "Pow", () => _m23.Pow(_v4) },
        { "Maximum", () => _m23.Maximum(_v4) },
        { "Minimum", () => _m23.Minimum(_v4) },
        { "Where", () => Tensor.Where(_v4, _m23, _m23) },
    };

    [Theory]
    [MemberData(nameof(BroadcastMismatches))]
    public void A_broadcast_mismatch_names_the_op_and_both_shapes(string op, Func<object> act)
    {
        var error = Assert.Throws<ArgumentException>(act);

        Assert.StartsWith($"{op}: shapes ", error.Message);
        Assert.Contains("cannot be broadcast", error.Message);
        Assert.Contains("[4]", error.Message);
    }

    [Fact]
    public void Add_mismatch_reads_exactly_as_documented()
    {
        var error = Assert.Throws<ArgumentException>(() => _m23 + _v4);

        Assert.StartsWith("Add: shapes [2, 3] and [4] cannot be broadcast", error.Message);
    }

    [Fact]
    public void MatMul_inner_mismatch_names_both_shapes()
    {
        var a = Tensor.Zeros<double>(64, 8);
        var b = Tensor.Zeros<double>(9, 1);

        var error = Assert.Throws<ArgumentException>(() => a.MatMul(b));

        Assert.StartsWith("MatMul: inner dimensions differ: [64, 8] · [9, 1]", error.Message);
    }

    [Fact]
    public void Reshape_size_mismatch_names_both_shapes_and_counts()
    {
        var error = Assert.Throws<ArgumentException>(() => _m23.Reshape(4, 2));

        Assert.Equal("shape", error.ParamName);
        Assert.Contains("Reshape: cannot reshape [2, 3] (6 elements) to [4, 2] (8 elements)", error.Message);
    }

    [Fact]
    public void Reshape_with_an_indivisible_minus_one_says_why()
    {
        var error = Assert.Throws<ArgumentException>(() => _m23.Reshape(4, -1));

        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[4, -1]", error.Message);
        Assert.Contains("not a multiple of 4", error.Message);
    }

    [Fact]
    public void Reshape_with_two_minus_ones_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => _m23.Reshape(-1, -1));

        Assert.Contains("only one dimension may be -1", error.Message);
    }

    [Fact]
    public void Concat_mismatch_names_the_tensor_and_both_shapes()
    {
        var a = Tensor.Zeros<double>(2, 3);
        var b = Tensor.Zeros<double>(2, 4);

        var error = Assert.Throws<ArgumentException>(() => Tensor.Concat([a, b], axis: 0));

        Assert.Contains("Concat: tensor 1 has shape [2, 4], tensor 0 has [2, 3]", error.Message);
        Assert.Contains("axis 0", error.Message);
    }

    [Fact]
    public void Concat_of_nothing_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Concat(Array.Empty<Tensor<double>>()));

        Assert.Contains("Concat: needs at least one tensor", error.Message);
    }

    [Fact]
    public void Concat_rank_mismatch_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Concat([_m23, Tensor.Zeros<double>(3)]));

        Assert.Contains("[3]", error.Message);
        Assert.Contains("rank", error.Message);
    }

    [Fact]
    public void Gather_out_of_range_names_the_index_its_position_and_the_row_count()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _m23.Gather(0, 2));

        Assert.Equal("indices", error.ParamName);
        Assert.Contains("Gather: index 2 at position 1 is out of range for 2 rows (shape [2, 3])", error.Message);
    }

    [Fact]
    public void Gather_rejects_a_negative_index()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _m23.Gather(-1));

        Assert.Contains("index -1", error.Message);
    }

    [Fact]
    public void Slice_out_of_range_names_the_range_and_the_axis_length()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _m23.Rows(1, 2));

        Assert.Contains("Slice: [1, 1 + 2)", error.Message);
        Assert.Contains("length 2", error.Message);
    }

    [Fact]
    public void Transpose_of_a_vector_needs_rank_two()
    {
        var error = Assert.Throws<ArgumentException>(() => _v4.Transpose());

        Assert.Contains("Transpose: needs rank >= 2", error.Message);
        Assert.Contains("[4]", error.Message);
    }

    [Fact]
    public void Axis_out_of_range_names_the_op()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _m23.Max(2));

        Assert.Contains("Max: axis 2 is out of range for shape [2, 3]", error.Message);
    }

    [Fact]
    public void Clamp_with_min_above_max_says_to_swap()
    {
        var error = Assert.Throws<ArgumentException>(() => _m23.Clamp(1.0, -1.0));

        Assert.Equal("min", error.ParamName);
        Assert.Contains("swap", error.Message);
    }

    [Fact]
    public void Clamp_with_a_NaN_bound_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => _m23.Clamp(max: double.NaN));

        Assert.Equal("max", error.ParamName);
    }

    [Fact]
    public void Where_with_a_wrong_length_bool_condition_names_the_counts()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Where([true, false], _m23, _m23));

        Assert.Contains("Where: the condition has 2 entries", error.Message);
        Assert.Contains("[2, 3] has 6 elements", error.Message);
    }
}
