namespace Astrograd.Tests.Ops;

/// <summary>
/// One row of an op table: a differentiable function of some inputs, the shapes to draw them in, and the
/// domain to draw them from. <see cref="OpCaseChecks"/> runs every row through the float64 gradient check
/// and through a float32-against-float64 comparison of forward values.
/// </summary>
/// <remarks>
/// Rows live in tables (<c>OpTable</c> for the core ops, <c>ActivationTable</c> for activations), each a
/// static list of cases exposed to xunit by name (names must be unique within a table).
/// <example><code>
/// new OpCase("exp", t => t[0].Exp(), [[3, 4]], Domain.Real) { F32 = t => t[0].Exp() }
/// new OpCase("pow tensor exponent", t => t[0].Pow(t[1]), [[2, 3], [3]], Domain.Positive)
/// {
///     InputDomains = [Domain.Positive, Domain.Real],
///     F32 = t => t[0].Pow(t[1]),
/// }
/// </code></example>
/// </remarks>
/// <param name="Name">Unique within its table; shown as the test case name.</param>
/// <param name="F">The function in float64; it may capture constants (indices, masks) but must be
/// deterministic.</param>
/// <param name="Shapes">One shape per input.</param>
/// <param name="Domain">Where every input is drawn from, unless <see cref="InputDomains"/> says otherwise.</param>
public sealed record OpCase(string Name, Func<Tensor<double>[], Tensor<double>> F, int[][] Shapes, Domain Domain)
{
    /// <summary>The same function in float32, for the forward-value comparison; null skips that comparison.</summary>
    public Func<Tensor<float>[], Tensor<float>>? F32 { get; init; }

    /// <summary>One domain per input, overriding <see cref="Domain"/> (for example pow: positive
    /// base, real exponent).</summary>
    public Domain[]? InputDomains { get; init; }

    /// <summary>Relative tolerance of the float64 gradient check.</summary>
    public double GradTolerance { get; init; } = 1e-6;

    /// <summary>Tolerance of float32 against float64 forward values, relative to max(|value|, 1).</summary>
    public double Float32Tolerance { get; init; } = 1e-5;

    /// <summary>
    /// Inputs with more elements than this in total get the random-direction check (two evaluations)
    /// instead of the per-element check (two evaluations per element).
    /// </summary>
    public int ElementwiseCheckLimit { get; init; } = 512;

    /// <summary>The domain of input <paramref name="i"/>.</summary>
    public Domain DomainOf(int i) => InputDomains is null ? Domain : InputDomains[i];

    /// <summary>Fresh float64 inputs drawn from the case's domains, the same for the same seed.</summary>
    public Tensor<double>[] SampleInputs(ulong seed)
    {
        var rng = new Rng(seed);
        var inputs = new Tensor<double>[Shapes.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = DomainOf(i).Sample(rng, Shapes[i]);
        }

        return inputs;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
