namespace Astrograd.Tests.Ops;

public class OpTableTests
{
    // Every backward rule the core ops record, by node name: the table must reach each one.
    private static readonly string[] _coreNodes =
    [
        "add", "sub", "mul", "div", "neg", "pow", "exp", "log", "sqrt", "abs", "clamp", "maximum", "minimum",
        "sum", "mean", "max", "min", "matmul", "reshape", "transpose", "slice", "concat", "gather", "where",
    ];

    [Theory]
    [MemberData(nameof(OpTable.Names), MemberType = typeof(OpTable))]
    public void Backward_matches_central_differences_in_float64(string name) =>
        OpCaseChecks.AssertGradientsMatch(OpCaseChecks.Find(OpTable.Cases, name));

    [Theory]
    [MemberData(nameof(OpTable.Names), MemberType = typeof(OpTable))]
    public void Float32_forward_agrees_with_float64(string name) =>
        OpCaseChecks.AssertFloat32AgreesWithFloat64(OpCaseChecks.Find(OpTable.Cases, name));

    [Fact]
    public void The_table_reaches_every_core_backward_rule()
    {
        var recorded = new HashSet<string>(StringComparer.Ordinal);

        foreach (var c in OpTable.Cases)
        {
            var inputs = c.SampleInputs(1);
            foreach (var t in inputs)
            {
                t.RequiresGrad = true;
            }

            recorded.UnionWith(RecordedGraph.Ops(c.F(inputs)));
        }

        Assert.Empty(_coreNodes.Except(recorded));
    }

    [Fact]
    public void Large_rows_take_the_direction_check_and_small_rows_the_elementwise_one()
    {
        var sizes = OpTable.Cases.Select(c => c.Shapes.Sum(s => s.Aggregate(1, (p, d) => p * d))).ToArray();

        Assert.Contains(sizes, n => n > 512);
        Assert.Contains(sizes, n => n <= 512);
    }
}
