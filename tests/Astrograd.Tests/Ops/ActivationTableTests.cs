namespace Astrograd.Tests.Ops;

public class ActivationTableTests
{
    [Theory]
    [MemberData(nameof(ActivationTable.Names), MemberType = typeof(ActivationTable))]
    public void Activation_backward_matches_central_differences_in_float64(string name) =>
        OpCaseChecks.AssertGradientsMatch(OpCaseChecks.Find(ActivationTable.Cases, name));

    [Theory]
    [MemberData(nameof(ActivationTable.Names), MemberType = typeof(ActivationTable))]
    public void Activation_float32_forward_agrees_with_float64(string name) =>
        OpCaseChecks.AssertFloat32AgreesWithFloat64(OpCaseChecks.Find(ActivationTable.Cases, name));
}
