using System.Numerics.Tensors;
using Astrograd.Kernels;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// Elementwise power with a constant exponent: out = xᵖ (IEEE pow: a negative x with a non-integer p gives NaN).
    /// </summary>
    /// <remarks>
    /// ∂out/∂x = p·xᵖ⁻¹, computed as such (not p·out/x), so it is finite at x = 0 for p ≥ 1: the
    /// gradient of
    /// x² at 0 is 0. For p = 0 the gradient is 0 everywhere (not 0·0⁻¹ = NaN at 0). A zero incoming gradient
    /// stays exactly 0 where the local derivative is infinite or NaN.
    /// </remarks>
    public Tensor<T> Pow(T exponent)
    {
        var result = new Tensor<T>(Shape, new T[Size]);
        TensorPrimitives.Pow(Span, exponent, result.Span);
        if (!NeedsGrad(this))
        {
            return result;
        }

        var x = this;
        return result.Record("pow", g =>
        {
            if (exponent == T.Zero)
            {
                // Touch the buffer so the input still receives a (zero) gradient.
                _ = x.GradSpan();
                return;
            }

            var local = new T[g.Length];
            TensorPrimitives.Pow(x.Span, exponent - T.One, local);
            TensorPrimitives.Multiply(local, exponent, local);
            TensorPrimitives.Multiply(local, g, local);
            StrongZero.Accumulate(g, local, x.GradSpan());
        }, x);
    }

    /// <summary>Elementwise power with broadcasting: out = this^exponent (IEEE pow; never throws).</summary>
    /// <remarks>
    /// ∂out/∂a = b·aᵇ⁻¹ (0 where b = 0); ∂out/∂b = aᵇ·ln a, which is NaN for a negative base (the
    /// log of a
    /// negative number), and 0 at a zero base with b ≥ 0, where aᵇ is flat. A zero incoming gradient stays
    /// exactly 0 (see Where). Gradients are summed back to each operand's shape.
    /// </remarks>
    public Tensor<T> Pow(Tensor<T> exponent)
    {
        var result = Elementwise.Binary<T, PowKernel<T>>("Pow", this, exponent);
        if (!NeedsGrad(this, exponent))
        {
            return result;
        }

        var a = this;
        var shape = result.Shape;
        return result.Record("pow", g =>
        {
            var bases = BroadcastGrad.Expand(a, shape);
            var powers = BroadcastGrad.Expand(exponent, shape);
            var local = new T[g.Length];
            var kept = new T[g.Length]; // the contribution after a mask has zeroed its exempt positions
            if (a.RequiresGrad)
            {
                TensorPrimitives.Subtract(powers, T.One, local);
                TensorPrimitives.Pow(bases, local, local);
                TensorPrimitives.Multiply(local, powers, local);
                TensorPrimitives.Multiply(local, g, local);
                MaskKernels.AddWhereNonZero(powers, local, kept, whenNonZero: true);
                var dst = BroadcastGrad.Target(a, shape, out var scratch);
                StrongZero.Accumulate(g, kept, dst);
                BroadcastGrad.Finish(a, scratch, shape);
            }

            if (exponent.RequiresGrad)
            {
                TensorPrimitives.Log(bases, local);
                TensorPrimitives.Multiply(local, result.Span, local);
                TensorPrimitives.Multiply(local, g, local);
                Array.Clear(kept);
                StrongZero.Accumulate(g, local, kept);
                var dst = BroadcastGrad.Target(exponent, shape, out var scratch);
                MaskKernels.AddExceptZeroBase(bases, powers, kept, dst);
                BroadcastGrad.Finish(exponent, scratch, shape);
            }
        }, a, exponent);
    }
}
