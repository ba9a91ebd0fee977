using System.Numerics;
using System.Runtime.CompilerServices;
using Astrograd.NN;

namespace Astrograd.Training;

/// <summary>
/// Forward and backward of a training step, through a <see cref="CapturedGraph{T}"/> per batch size when the
/// model's ops can be replayed (then a step allocates nothing), else eagerly. Both give the same bits.
/// </summary>
internal sealed class StepGraphs<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T> _model;
    private readonly Objective _objective;
    private readonly Dictionary<Tensor<T>, CapturedGraph<T>> _graphs = new(ReferenceEqualityComparer.Instance);
    private bool _eager;
    private CapturedGraph<T>? _current;

    /// <param name="model">The network.</param>
    /// <param name="objective">The loss.</param>
    /// <param name="capture">False to always run eagerly.</param>
    public StepGraphs(Module<T> model, Objective objective, bool capture)
    {
        _model = model;
        _objective = objective;
        _eager = !capture;
    }

    /// <summary>Why capture was given up, if it was tried and failed (for diagnostics).</summary>
    public string? EagerReason { get; private set; }

    /// <summary>
    /// The loss of the batch held in <paramref name="x"/>, <paramref name="y"/>, <paramref name="labels"/> and
    /// the known variances <paramref name="v"/>.
    /// The same tensor objects must come back for every batch of a size (see <see cref="BatchBuffers{T}"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Tensor<T> Forward(Tensor<T> x, Tensor<T>? y, int[] labels, Tensor<T>? v = null)
    {
        _current = null;
        if (_eager)
        {
            return Build(x, y, labels, v);
        }

        if (_graphs.TryGetValue(x, out var graph))
        {
            graph.Forward();
            _current = graph;
            return graph.Output;
        }

        graph = CapturedGraph<T>.TryCapture(() => Build(x, y, labels, v), out var output, out var reason);
        if (graph is null)
        {
            // Keep this step's eager result (computing it again would draw dropout masks twice).
            _eager = true;
            EagerReason = reason;
            return output;
        }

        _graphs.Add(x, graph);
        _current = graph;
        return output;
    }

    /// <summary>Backward from the loss that <see cref="Forward"/> returned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(Tensor<T> loss)
    {
        if (_current is { } graph)
        {
            graph.Backward();
        }
        else
        {
            loss.Backward();
        }
    }

    private Tensor<T> Build(Tensor<T> x, Tensor<T>? y, int[] labels, Tensor<T>? v) =>
        _objective.Compute(_model.Forward(x), y, labels, v);
}
