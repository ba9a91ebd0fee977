namespace Astrograd.Tests.Ops;

/// <summary>
/// Where a gradient-check input is drawn from: uniform on [<paramref name="Low"/>, <paramref name="High"/>],
/// redrawn while |x| &lt; <paramref name="MinMagnitude"/> (to stay clear of a kink or pole at 0, where a
/// central difference straddles the non-smooth point).
/// </summary>
/// <param name="Name">A short label shown in failures.</param>
/// <param name="Low">Lower end of the interval.</param>
/// <param name="High">Upper end of the interval.</param>
/// <param name="MinMagnitude">Smallest allowed |x|; 0 allows every value of the interval.</param>
public sealed record Domain(string Name, double Low, double High, double MinMagnitude = 0)
{
    /// <summary>Any value: [−2, 2]. For smooth ops (add, mul, exp, sigmoid, tanh …).</summary>
    public static Domain Real { get; } = new("real", -2, 2);

    /// <summary>Strictly positive, [0.2, 2]: log, sqrt, the base of pow.</summary>
    public static Domain Positive { get; } = new("positive", 0.2, 2);

    /// <summary>[−2, 2] without (−0.2, 0.2): denominators, and ops with a kink at 0 (abs, relu,
    /// leaky relu).</summary>
    public static Domain AwayFromZero { get; } = new("away from zero", -2, 2, 0.2);

    /// <summary>Draws a tensor of <paramref name="shape"/> from this domain.</summary>
    public Tensor<double> Sample(Rng rng, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var t = Tensor.Zeros<double>(shape);
        var span = t.Span;
        for (var i = 0; i < span.Length; i++)
        {
            double v;
            do
            {
                v = rng.NextUniform(Low, High);
            }
            while (Math.Abs(v) < MinMagnitude);

            span[i] = v;
        }

        return t;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
