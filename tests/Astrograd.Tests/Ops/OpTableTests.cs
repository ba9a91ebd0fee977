namespace Astrograd.Tests.Ops;

public class OpTableTests
{
    [Theory]
    [MemberData(nameof(OpTable.Names), MemberType = typeof(OpTable))]
    public void Backward_matches_central_differences_in_float64(string name) =>
        OpCaseChecks.AssertGradientsMatch(OpCaseChecks.Find(OpTable.Cases, name));

    [Theory]
    [MemberData(nameof(OpTable.Names), MemberType = typeof(OpTable))]
    public void Float32_forward_agrees_with_float64(string name) =>
        OpCaseChecks.AssertFloat32AgreesWithFloat64(OpCaseChecks.Find(OpTable.Cases, name));
}
