using System.Numerics;
using Astrograd.Kernels;

namespace Astrograd.Tests.Ops.Activations;

/// <summary>
/// Scalar float64 reference formulas of the elementwise activations and their derivatives, written from
/// the textbook definitions, and a dispatcher that runs the span kernels under test by name.
/// </summary>
internal static class ActivationReference
{
    public const double LeakySlope = 0.01;

    /// <summary>The elementwise kernels covered by the sweeps.</summary>
    public static readonly string[] Names =
        ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "gelu", "gelu_tanh", "silu"];

    private const double SqrtTwoOverPi = 0.79788456080286536;

    public static double Value(string name, double x) => name switch
    {
        "sigmoid" => Sigmoid(x),
        "tanh" => Math.Tanh(x),
        "relu" => x > 0 ? x : 0,
        "leaky_relu" => x > 0 ? x : LeakySlope * x,
        "elu" => x > 0 ? x : ExpM1(x),
        "softplus" => x > 20 ? x : Math.Log(1 + Math.Exp(x)),
        // Through erfc: 1 + erf(x/√2) cancels for negative x.
        "gelu" => 0.5 * x * SpecialFunctions.Erfc(-x / Math.Sqrt(2)),
        "gelu_tanh" => 0.5 * x * (1 + Math.Tanh(SqrtTwoOverPi * (x + (0.044715 * x * x * x)))),
        "silu" => x * Sigmoid(x),
        _ => throw new ArgumentException($"no reference for '{name}'", nameof(name)),
    };

    public static double Derivative(string name, double x)
    {
        switch (name)
        {
            case "sigmoid":
                return Sigmoid(x) * (1 - Sigmoid(x));
            case "tanh":
                return 1 - (Math.Tanh(x) * Math.Tanh(x));
            case "relu":
                return x > 0 ? 1 : 0;
            case "leaky_relu":
                return x > 0 ? 1 : LeakySlope;
            case "elu":
                return x > 0 ? 1 : Math.Exp(x);
            case "softplus":
                return x > 20 ? 1 : Sigmoid(x);
            case "gelu":
                return (0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2))) +
                    (x * Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI));
            case "gelu_tanh":
                var u = SqrtTwoOverPi * (x + (0.044715 * x * x * x));
                var du = SqrtTwoOverPi * (1 + (3 * 0.044715 * x * x));
                var t = Math.Tanh(u);
                return (0.5 * (1 + t)) + (0.5 * x * (1 - (t * t)) * du);
            case "silu":
                var s = Sigmoid(x);
                return s + (x * s * (1 - s));
            default:
                throw new ArgumentException($"no reference for '{name}'", nameof(name));
        }
    }

    /// <summary>Runs the forward kernel of <paramref name="name"/> (default parameters).</summary>
    public static void Forward<T>(string name, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (name)
        {
            case "sigmoid":
                SigmoidKernel.Forward(x, y);
                break;
            case "tanh":
                TanhKernel.Forward(x, y);
                break;
            case "relu":
                ReluKernels.Forward(x, y);
                break;
            case "leaky_relu":
                ReluKernels.LeakyForward(x, T.CreateChecked(LeakySlope), y);
                break;
            case "elu":
                EluKernel.Forward(x, T.One, y);
                break;
            case "softplus":
                SoftplusKernel.Forward(x, 1, 20, y);
                break;
            case "gelu":
                GeluKernel.Forward(x, y);
                break;
            case "gelu_tanh":
                GeluKernel.TanhForward(x, y);
                break;
            case "silu":
                SiluKernel.Forward(x, y, y);
                break;
            default:
                throw new ArgumentException($"no kernel '{name}'", nameof(name));
        }
    }

    /// <summary>Runs the backward kernel of <paramref name="name"/>, given the input x and output y.</summary>
    public static void Backward<T>(string name, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (name)
        {
            case "sigmoid":
                SigmoidKernel.Backward(y, g, dx);
                break;
            case "tanh":
                TanhKernel.Backward(y, g, dx);
                break;
            case "relu":
                ReluKernels.Backward(y, g, dx);
                break;
            case "leaky_relu":
                ReluKernels.LeakyBackward(x, T.CreateChecked(LeakySlope), g, dx);
                break;
            case "elu":
                EluKernel.Backward(x, y, T.One, g, dx);
                break;
            case "softplus":
                SoftplusKernel.Backward(x, 1, 20, g, dx);
                break;
            case "gelu":
                GeluKernel.Backward(x, g, dx);
                break;
            case "gelu_tanh":
                GeluKernel.TanhBackward(x, g, dx);
                break;
            case "silu":
                var s = new T[x.Length];
                SigmoidKernel.Forward(x, s);
                SiluKernel.Backward(x, s, g, dx);
                break;
            default:
                throw new ArgumentException($"no kernel '{name}'", nameof(name));
        }
    }

    // exp(x) − 1 by its Taylor series near 0 (relative truncation error below 1e-16 for |x| < 0.05), where
    // subtracting 1 from exp(x) would lose digits.
    private static double ExpM1(double x)
    {
        if (Math.Abs(x) >= 0.05)
        {
            return Math.Exp(x) - 1;
        }

        double term = x, sum = x;
        for (var k = 2; k <= 9; k++)
        {
            term *= x / k;
            sum += term;
        }

        return sum;
    }

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
}
