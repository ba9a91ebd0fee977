using System.Numerics;
using System.Numerics.Tensors;
using Astrograd.NN;

namespace Astrograd.Optim;

/// <summary>
/// Gradient-norm clipping: rescales the gradients of a set of parameters so that their total L2 norm is at most a
/// limit, which keeps one steep batch from throwing the weights far away (the usual cure for exploding gradients,
/// besides a smaller learning rate).
/// </summary>
public static class GradientClipping
{
    /// <summary>Added to the norm before dividing, so that a limit of exactly the norm still scales by below 1 and a
    /// zero norm never divides by zero; the same constant as PyTorch's <c>clip_grad_norm_</c>.</summary>
    public const double Epsilon = 1e-6;

    /// <summary>
    /// The total norm ‖g‖ = √(Σ over every parameter and element of g²), and, when ‖g‖ &gt; <paramref
    /// name="maxNorm"/>, every gradient multiplied in place by <paramref name="maxNorm"/> / (‖g‖ + ε), ε =
    /// <see cref="Epsilon"/>. Parameters without a gradient are skipped. Allocates nothing.
    /// </summary>
    /// <param name="parameters">The parameters whose gradients are clipped together.</param>
    /// <param name="maxNorm">The limit, a finite number &gt; 0.</param>
    /// <returns>The total norm before clipping (the squares are summed in double precision, so float gradients
    /// do not overflow the sum).</returns>
    public static double ClipTotalNorm<T>(IReadOnlyList<Parameter<T>> parameters, double maxNorm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm > 0) || !double.IsFinite(maxNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm),
                FormattableString.Invariant(
                    $"GradientClipping: the maximum norm must be a finite number > 0, got {maxNorm}."));
        }

        var norm = TotalNorm(parameters);
        if (!(norm > maxNorm))
        {
            return norm;
        }

        var scale = T.CreateTruncating(maxNorm / (norm + Epsilon));
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Grad is { } grad)
            {
                TensorPrimitives.Multiply(grad.Span, scale, grad.Span);
            }
        }

        return norm;
    }

    /// <summary>√(Σ g²) over the gradients of <paramref name="parameters"/> (0 when none has one).</summary>
    public static double TotalNorm<T>(IReadOnlyList<Parameter<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var sum = 0.0;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Grad is { } grad)
            {
                foreach (var g in grad.Span)
                {
                    var d = double.CreateTruncating(g);
                    sum += d * d;
                }
            }
        }

        return Math.Sqrt(sum);
    }
}
