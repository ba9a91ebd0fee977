namespace Astrograd.Onnx;

/// <summary>
/// Each <see cref="Activation"/> as default-domain ONNX operators of opset <see cref="OnnxExporter.Opset"/>, with the
/// library's default parameters. Gelu (exact) and SiLU have no operator of their own before opsets 20 and 24, so
/// they are spelled out; Softplus keeps the library's linear branch above x = 20.
/// </summary>
internal static class OnnxActivations
{
    // Where softplus turns linear, as in ActivationExtensions.Apply (β = 1).
    private const float SoftplusThreshold = 20f;

    /// <summary>Appends <paramref name="activation"/> applied to <paramref name="x"/>; returns the output.</summary>
    /// <exception cref="NotSupportedException">An activation this exporter has no rule for.</exception>
    public static string Apply(OnnxGraph g, Activation activation, string x) => activation switch
    {
        Activation.Identity => x,
        Activation.Sigmoid => g.Node("Sigmoid", "sigmoid", [x]),
        Activation.Tanh => g.Node("Tanh", "tanh", [x]),
        Activation.Relu => g.Node("Relu", "relu", [x]),
        Activation.LeakyRelu => g.Node("LeakyRelu", "leaky_relu", [x], OnnxGraph.Float("alpha", 0.01f)),
        Activation.Elu => g.Node("Elu", "elu", [x], OnnxGraph.Float("alpha", 1f)),
        Activation.Softplus => Softplus(g, x),
        Activation.Gelu => Gelu(g, x),
        Activation.Silu => g.Node("Mul", "silu", [x, g.Node("Sigmoid", "sigmoid", [x])]),
        _ => throw new NotSupportedException(
            $"ONNX export: the activation {activation} has no ONNX rule yet; add one to OnnxActivations"),
    };

    // y = x where x > 20, else log(1 + eˣ).
    private static string Softplus(OnnxGraph g, string x)
    {
        var linear = g.Node("Greater", "softplus_linear", [x, g.Scalar("softplus_threshold", SoftplusThreshold)]);
        return g.Node("Where", "softplus", [linear, x, g.Node("Softplus", "softplus_log", [x])]);
    }

    // y = x · (1 + erf(x / √2)) / 2, the exact form the library uses.
    private static string Gelu(OnnxGraph g, string x)
    {
        var scaled = g.Node("Mul", "gelu_scaled", [x, g.Scalar("inv_sqrt2", (float)(1 / Math.Sqrt(2)))]);
        var erf = g.Node("Erf", "gelu_erf", [scaled]);
        var phi = g.Node("Add", "gelu_1p", [erf, g.Scalar("one", 1f)]);
        var half = g.Node("Mul", "gelu_half", [x, g.Scalar("half", 0.5f)]);
        return g.Node("Mul", "gelu", [half, phi]);
    }
}
