namespace Astrograd.Tests.Ops;

/// <summary>The checks every <see cref="OpCase"/> row goes through, shared by all op tables.</summary>
public static class OpCaseChecks
{
    /// <summary>
    /// Float64 gradient check: per element (<see cref="GradCheck.Check"/>) for small inputs, along a random
    /// direction (<see cref="GradCheck.CheckDirection"/>) past <see cref="OpCase.ElementwiseCheckLimit"/>.
    /// </summary>
    public static void AssertGradientsMatch(OpCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var inputs = c.SampleInputs(SeedOf(c.Name));
        var total = inputs.Sum(t => t.Size);

        var result = total <= c.ElementwiseCheckLimit
            ? GradCheck.Check(c.F, inputs, relativeTolerance: c.GradTolerance)
            : GradCheck.CheckDirection(c.F, inputs, relativeTolerance: c.GradTolerance);

        Assert.True(result.Passed, $"{c.Name} " +
            $"({(total <= c.ElementwiseCheckLimit ? "per element" : "direction")}): {result}");
    }

    /// <summary>
    /// Float32 forward values against float64 at the same (float-representable) inputs, so that only the
    /// op's own rounding is measured: |f32 − f64| ≤ tol · max(|f64|, 1) per element.
    /// </summary>
    public static void AssertFloat32AgreesWithFloat64(OpCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        Assert.NotNull(c.F32);
        var doubles = c.SampleInputs(SeedOf(c.Name));
        var floats = new Tensor<float>[doubles.Length];
        for (var i = 0; i < doubles.Length; i++)
        {
            var d = doubles[i].Span;
            var f = new float[d.Length];
            for (var j = 0; j < d.Length; j++)
            {
                f[j] = (float)d[j];
                d[j] = f[j];
            }

            floats[i] = new Tensor<float>(doubles[i].Shape, f);
        }

        var expected = c.F(doubles);
        var actual = c.F32(floats);

        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.Span;
        var a = actual.Span;
        for (var j = 0; j < e.Length; j++)
        {
            var tolerance = c.Float32Tolerance * Math.Max(Math.Abs(e[j]), 1);
            Assert.True(Math.Abs(a[j] - e[j]) <= tolerance || (double.IsNaN(e[j]) && float.IsNaN(a[j])),
                $"{c.Name}: element {j}: float32 {a[j]:G9}, float64 {e[j]:G17}");
        }
    }

    /// <summary>The row names of <paramref name="cases"/> as xunit theory data; throws on a duplicate name.</summary>
    public static TheoryData<string> Names(IReadOnlyList<OpCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var data = new TheoryData<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            if (!seen.Add(c.Name))
            {
                throw new InvalidOperationException($"Op table: the row name '{c.Name}' is used twice.");
            }

            data.Add(c.Name);
        }

        return data;
    }

    /// <summary>The row of <paramref name="cases"/> called <paramref name="name"/>.</summary>
    public static OpCase Find(IReadOnlyList<OpCase> cases, string name) =>
        cases.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"No op case named '{name}'.",
            nameof(name));

    // A stable seed per row (string.GetHashCode is randomised per process): FNV-1a over the name.
    private static ulong SeedOf(string name)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in name)
        {
            h = (h ^ ch) * 1099511628211UL;
        }

        return h;
    }
}
