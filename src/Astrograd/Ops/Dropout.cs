using System.Numerics.Tensors;

namespace Astrograd;

public partial class Tensor<T>
{
    /// <summary>
    /// Inverted dropout, fused into one op: each element is zeroed with probability
    /// <paramref name="probability"/> and the rest are scaled by 1 / (1 − p), so the expected value is unchanged.
    /// </summary>
    /// <remarks>∂L/∂x = G · mask. The mask is drawn from <paramref name="rng"/> on every forward pass (a replayed
    /// graph draws a new one), one uniform number per element in row-major order.</remarks>
    internal Tensor<T> Dropout(double probability, Rng rng)
    {
        var keep = T.CreateChecked(1.0 / (1.0 - probability));
        var mask = new T[Size];
        var result = new Tensor<T>(Shape, new T[Size]);
        var x = this;
        void Forward()
        {
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] = rng.NextDouble() < probability ? T.Zero : keep;
            }

            TensorPrimitives.Multiply<T>(x.Span, mask, result.Span);
        }

        Forward();
        if (!NeedsGrad(this))
        {
            return result;
        }

        return result.Record("dropout", g =>
        {
            if (x.RequiresGrad)
            {
                var dx = x.GradSpan();
                for (var i = 0; i < dx.Length; i++)
                {
                    dx[i] += g[i] * mask[i];
                }
            }
        }, Forward, x);
    }
}
