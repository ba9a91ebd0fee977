using System.Numerics;
using Astrograd.Kernels;

namespace Astrograd.NN;

/// <summary>
/// Batched inference through an <see cref="Mlp{T}"/> straight from the kernels, over two scratch buffers that are
/// reused from call to call: no graph, no tensors, nothing allocated once warm. Per-epoch scoring calls it for every
/// row of a table, often from several restarts at once, where allocating each chunk's activations made the
/// collector pause every thread. Same bits as <see cref="Module{T}.Forward"/> in evaluation mode (same kernels, same
/// order); dropout is off.
/// </summary>
internal sealed class MlpInference<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Mlp<T> _mlp;
    private readonly Linear<T>[] _layers;
    private readonly int _chunk;
    private readonly T[] _linear;
    private readonly T[] _activated;

    /// <param name="mlp">The network (its weights are read at each call, so training between calls is fine).</param>
    /// <param name="chunkRows">Rows per pass: small enough for the activations to stay in cache.</param>
    public MlpInference(Mlp<T> mlp, int chunkRows)
    {
        _mlp = mlp;
        _layers = [.. mlp.LinearLayers];
        _chunk = chunkRows;
        var widest = mlp.Spec.Hidden.Count == 0 ? 1 : mlp.Spec.Hidden.Max();
        _linear = new T[chunkRows * widest];
        _activated = new T[chunkRows * widest];
    }

    /// <summary>y[n, outputs] = the network applied to x[n, inputs].</summary>
    public void Run(ReadOnlySpan<T> x, Span<T> y)
    {
        var spec = _mlp.Spec;
        var rows = x.Length / spec.Inputs;
        for (var start = 0; start < rows; start += _chunk)
        {
            var n = Math.Min(_chunk, rows - start);
            ReadOnlySpan<T> input = x.Slice(start * spec.Inputs, n * spec.Inputs);
            var width = spec.Inputs;
            var layers = _layers;
            for (var l = 0; l < layers.Length; l++)
            {
                var layer = layers[l];
                var outputs = layer.Weight.Shape[0];
                var last = l == layers.Length - 1;
                var target = last ? y.Slice(start * outputs, n * outputs) : _linear.AsSpan(0, n * outputs);
                AffineKernel.Forward(input, layer.Weight.Span, layer.Bias is null ? default : layer.Bias.Span, n,
                    width, outputs, target);
                if (!last)
                {
                    var activated = _activated.AsSpan(0, n * outputs);
                    Activate(spec.Activation, target, activated);
                    input = activated;
                }

                width = outputs;
            }
        }
    }

    // The kernels behind ActivationExtensions.Apply, with the same default parameters.
    private static void Activate(Activation activation, ReadOnlySpan<T> x, Span<T> y)
    {
        switch (activation)
        {
            case Activation.Identity:
                x.CopyTo(y);
                break;
            case Activation.Sigmoid:
                SigmoidKernel.Forward(x, y);
                break;
            case Activation.Tanh:
                TanhKernel.Forward(x, y);
                break;
            case Activation.Relu:
                ReluKernels.Forward(x, y);
                break;
            case Activation.LeakyRelu:
                ReluKernels.LeakyForward(x, T.CreateChecked(0.01), y);
                break;
            case Activation.Elu:
                EluKernel.Forward(x, T.One, y);
                break;
            case Activation.Softplus:
                SoftplusKernel.Forward(x, 1, 20, y);
                break;
            case Activation.Gelu:
                GeluKernel.Forward(x, y);
                break;
            default:
                SiluKernel.Forward(x, y, y);
                break;
        }
    }
}
