using System.Numerics;
using System.Runtime.CompilerServices;

namespace Astrograd;

/// <summary>
/// A scalar-valued graph recorded once and then replayed over the same buffers: <see cref="Forward"/>
/// recomputes every op's output in place from the current values of the inputs, <see cref="Backward"/> runs the
/// recorded backward rules again. A training step built this way allocates nothing after capture.
/// </summary>
/// <remarks>
/// Capture runs the building function once, eagerly, so the first result is already there. A replay sees what
/// the graph's inputs hold at that moment: write the next batch into the same input tensors (and update the
/// parameters in place) between replays. Shapes are fixed by the capture; a batch of another size needs its own
/// graph. Only ops that know how to recompute themselves can be captured; any other op, or a tensor made inside
/// the building function that no replayable op produced (a constant built per call, work under
/// <see cref="Autograd.NoGrad"/>), makes <see cref="Capture"/> throw <see cref="NotSupportedException"/>, and the
/// step should then run eagerly. Replay gives the same bits as running the step eagerly, except that interior
/// gradients that eager backward would leave unset are zeros here.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public sealed class CapturedGraph<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [ThreadStatic]
    private static CapturedGraph<T>? _recording;

    private readonly List<Action> _steps = [];
    private readonly HashSet<Tensor<T>> _made = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Tensor<T>> _replayed = new(ReferenceEqualityComparer.Instance);
    private string? _unsupported;
    private Action[] _forward = [];
    private Tensor<T>[] _order = [];
    private Tensor<T>[] _interior = [];

    private CapturedGraph()
    {
    }

    /// <summary>The graph being captured on this thread, if any (ops report themselves to it).</summary>
    internal static CapturedGraph<T>? Recording => _recording;

    /// <summary>The scalar the graph computes (a loss), current after each <see cref="Forward"/>.</summary>
    public Tensor<T> Output { get; private set; } = null!;

    /// <summary>Records the graph that <paramref name="build"/> computes, running it once.</summary>
    /// <param name="build">Computes a scalar that requires grad from tensors that outlive the graph.</param>
    /// <exception cref="NotSupportedException">An op in the graph cannot be replayed (it is named).</exception>
    /// <exception cref="InvalidOperationException">
    /// A capture is already running on this thread, or the result is not a scalar that requires grad.
    /// </exception>
    public static CapturedGraph<T> Capture(Func<Tensor<T>> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return TryCapture(build, out _, out var reason) ?? throw new NotSupportedException(reason);
    }

    /// <summary>
    /// As <see cref="Capture"/>, but when the graph cannot be replayed returns null with the reason; the step
    /// has run eagerly either way, and <paramref name="output"/> can be used as an ordinary result (its
    /// backward works), so the step need not be computed twice.
    /// </summary>
    internal static CapturedGraph<T>? TryCapture(Func<Tensor<T>> build, out Tensor<T> output, out string? reason)
    {
        if (_recording is not null)
        {
            throw new InvalidOperationException("CapturedGraph: a capture is already running on this thread.");
        }

        var graph = new CapturedGraph<T>();
        _recording = graph;
        try
        {
            output = build();
        }
        finally
        {
            _recording = null;
        }

        reason = graph.Seal(output);
        return reason is null ? graph : null;
    }

    /// <summary>Recomputes every op's output, in the order the ops first ran.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward()
    {
        foreach (var step in _forward)
        {
            step();
        }
    }

    /// <summary>
    /// Adds ∂<see cref="Output"/>/∂leaf into the gradient of every leaf that requires grad (zero them first, as
    /// an optimizer's ZeroGrad does). Interior gradients start from zero on every call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward()
    {
        foreach (var t in _interior)
        {
            Kernels.ParallelChunks.Clear(t.Grad!.Span);
        }

        Output.Grad!.Span[0] = T.One;
        for (var i = _order.Length - 1; i >= 0; i--)
        {
            var t = _order[i];
            if (t.GradFn?.Rule is { } rule)
            {
                rule(t.Grad!.Span);
            }
        }
    }

    internal void Created(Tensor<T> tensor) => _made.Add(tensor);

    internal void Unsupported(string op, Shape shape) =>
        _unsupported ??= $"CapturedGraph: op '{op}' (output {shape}) cannot be replayed; run this step eagerly.";

    internal void Replays(Tensor<T> result, Action forward)
    {
        if (_replayed.Add(result))
        {
            _steps.Add(forward);
        }
    }

    private string? Seal(Tensor<T> output)
    {
        if (!output.RequiresGrad || output.Size != 1)
        {
            throw new InvalidOperationException(
                $"CapturedGraph: the graph must compute a scalar that requires grad, got shape {output.Shape} " +
                $"(requires grad: {output.RequiresGrad}).");
        }

        if (_unsupported is not null)
        {
            return _unsupported;
        }

        foreach (var t in _made)
        {
            if (!_replayed.Contains(t))
            {
                return $"CapturedGraph: a tensor of shape {t.Shape} was made during capture by something that " +
                    "cannot be replayed (a constant built on every call, or work under NoGrad); build it once " +
                    "outside, or run this step eagerly.";
            }
        }

        Output = output;
        _forward = [.. _steps];
        _order = [.. Autograd.TopologicalOrder(output)];

        // Interior gradient buffers are made once and cleared on each pass instead of dropped, except those that a
        // single rule overwrites whole (a layer's output read only by its activation): clearing them would be a pass
        // over memory for nothing, and the rule's product then need not read them back.
        var writers = new Dictionary<Tensor<T>, (int Count, bool Assigns)>(ReferenceEqualityComparer.Instance);
        foreach (var t in _order)
        {
            foreach (var parent in t.GradFn?.Parents ?? [])
            {
                var (count, _) = writers.GetValueOrDefault(parent);
                writers[parent] = (count + 1, t.GradFn!.Assigns);
            }
        }

        foreach (var t in _order)
        {
            t.GradAssigned = !t.IsLeaf && !t.RetainsGrad && writers.GetValueOrDefault(t) is (1, true);
        }

        _interior = [.. _order.Where(t => !t.IsLeaf && !t.GradAssigned)];
        foreach (var t in _order.Where(t => !t.IsLeaf))
        {
            t.GradSpan();
        }

        _made.Clear();
        _replayed.Clear();
        _steps.Clear();
        return null;
    }
}
