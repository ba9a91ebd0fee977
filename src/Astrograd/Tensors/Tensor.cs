using System.Globalization;
using System.Numerics;
using System.Text;

namespace Astrograd;

/// <summary>
/// A dense, row-major n-dimensional array of <typeparamref name="T"/> (float for training, double for
/// gradient checks) that can take part in reverse-mode automatic differentiation.
/// </summary>
/// <remarks>
/// Storage (the element buffer) is kept apart from the graph: a tensor made by an op refers to the
/// <see cref="Node{T}"/> that made it, and the node holds the parents and the backward rule. Leaves
/// (tensors made by the user) with <see cref="RequiresGrad"/> set receive gradients in <see cref="Grad"/>.
/// </remarks>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
public partial class Tensor<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _data;
    private readonly int _offset;
    private bool _requiresGrad;
    private bool _retainGrad;

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of <paramref name="shape"/>.</summary>
    public Tensor(Shape shape, T[] data)
        : this(shape, data, 0)
    {
    }

    /// <summary>A tensor over <paramref name="data"/> starting at <paramref name="offset"/> (a view, not a
    /// copy).</summary>
    internal Tensor(Shape shape, T[] data, int offset)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        if (offset < 0 || data.Length - offset < shape.Size)
        {
            throw new ArgumentException(
                $"Tensor: shape {shape} needs {shape.Size} elements, the buffer holds {data.Length - offset}.",
                nameof(data));
        }

        Shape = shape;
        _data = data;
        _offset = offset;
        CapturedGraph<T>.Recording?.Created(this);
    }

    /// <summary>The dimensions.</summary>
    public Shape Shape { get; }

    /// <summary>The number of dimensions.</summary>
    public int Rank => Shape.Rank;

    /// <summary>The number of elements.</summary>
    public int Size => Shape.Size;

    /// <summary>The elements in row-major order; writing to it changes the tensor in place.</summary>
    public Span<T> Span => _data.AsSpan(_offset, Shape.Size);

    /// <summary>An optional name, shown by graph printers and in error messages.</summary>
    public string? Name { get; set; }

    /// <summary>The accumulated gradient of the last backward pass with respect to this tensor, or null.</summary>
    public Tensor<T>? Grad { get; internal set; }

    /// <summary>The node of the op that produced this tensor; null for a leaf.</summary>
    internal Node<T>? GradFn { get; private set; }

    /// <summary>True for tensors not produced by a recorded op (inputs and parameters).</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>The name of the op that produced this tensor, or "leaf".</summary>
    public string Op => GradFn?.Op ?? "leaf";

    /// <summary>
    /// Whether gradients flow to this tensor. Settable on leaves only; an op's output requires grad when
    /// any input does and recording is on (see <see cref="Autograd.NoGrad"/>).
    /// </summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (!IsLeaf)
            {
                throw new InvalidOperationException(
                    $"RequiresGrad can only be set on a leaf tensor; this one was produced by '{Op}'. Use " +
                        $"Detach() first.");
            }

            _requiresGrad = value;
        }
    }

    /// <summary>Whether this non-leaf tensor keeps its <see cref="Grad"/> after backward (see <see
    /// cref="RetainGrad"/>).</summary>
    public bool RetainsGrad => _retainGrad || IsLeaf;

    /// <summary>The parents of this tensor in the graph (empty for a leaf or after the graph was released).</summary>
    public IReadOnlyList<Tensor<T>> Parents => GradFn?.Parents ?? [];

    /// <summary>Keeps the gradient of this interior tensor after backward (leaves always keep theirs).</summary>
    public Tensor<T> RetainGrad()
    {
        _retainGrad = true;
        return this;
    }

    /// <summary>The single element of a one-element tensor.</summary>
    public T Item()
    {
        if (Size != 1)
        {
            throw new InvalidOperationException($"Item: the tensor has shape {Shape} ({Size} elements), not one.");
        }

        return _data[_offset];
    }

    /// <summary>The element at the given indices (one per dimension).</summary>
    [System.Runtime.CompilerServices.IndexerName("Element")]
    public T this[params ReadOnlySpan<int> index]
    {
        get => _data[_offset + FlatIndex(index)];
        set => _data[_offset + FlatIndex(index)] = value;
    }

    /// <summary>A copy of the elements in row-major order.</summary>
    public T[] ToArray() => Span.ToArray();

    /// <summary>The elements converted to double, in row-major order.</summary>
    public double[] ToDoubleArray()
    {
        var result = new double[Size];
        var span = Span;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = double.CreateTruncating(span[i]);
        }

        return result;
    }

    /// <summary>A tensor sharing this one's storage but cut off from the graph (no grad, no history).</summary>
    public Tensor<T> Detach() => new(Shape, _data, _offset);

    /// <summary>A deep copy of the elements, as a new leaf.</summary>
    public Tensor<T> Clone() => new(Shape, Span.ToArray());

    /// <summary>Zeros this tensor's accumulated gradient, if it has one.</summary>
    public void ZeroGrad()
    {
        if (Grad is { } grad)
        {
            Kernels.ParallelChunks.Clear(grad.Span);
        }
    }

    /// <summary>Runs backward from this tensor; see <see cref="Autograd.Backward{T}"/>.</summary>
    /// <param name="seed">The gradient of the final result with respect to this tensor; required when it is not a
    /// scalar.</param>
    /// <param name="retainGraph">Keep the graph so that backward can run through it again.</param>
    public void Backward(Tensor<T>? seed = null, bool retainGraph = false) =>
        Autograd.Backward(this, seed, retainGraph);

    /// <summary>
    /// Set by a captured graph on an interior tensor whose gradient exactly one rule writes, a rule that can assign
    /// it (<see cref="Node{T}.Assigns"/>): that rule then overwrites the buffer, which needs no clearing between
    /// replays.
    /// </summary>
    internal bool GradAssigned { get; set; }

    /// <summary>The gradient buffer, created as zeros on first use; backward rules accumulate into it.</summary>
    internal Span<T> GradSpan()
    {
        Grad ??= new Tensor<T>(Shape, new T[Size]);
        return Grad.Span;
    }

    /// <summary>Drops the gradient of an interior tensor once backward has used it.</summary>
    internal void ReleaseGrad()
    {
        if (!RetainsGrad)
        {
            Grad = null;
        }
    }

    /// <summary>Attaches the op that produced this tensor, when recording is on and an input needs gradients.</summary>
    /// <remarks>An op recorded this way cannot be replayed: capturing a graph through it fails.</remarks>
    internal Tensor<T> Record(string op, BackwardRule<T> rule, params Tensor<T>[] parents)
    {
        CapturedGraph<T>.Recording?.Unsupported(op, Shape);
        return Attach(op, rule, parents);
    }

    /// <summary>
    /// As <see cref="Record(string, BackwardRule{T}, Tensor{T}[])"/>, for an op that can be replayed:
    /// <paramref name="forward"/> recomputes this tensor's values from its inputs' current values, in place.
    /// </summary>
    internal Tensor<T> Record(string op, BackwardRule<T> rule, Action forward, params Tensor<T>[] parents)
    {
        CapturedGraph<T>.Recording?.Replays(this, forward);
        return Attach(op, rule, parents);
    }

    /// <summary>
    /// As <see cref="Record(string, BackwardRule{T}, Action, Tensor{T}[])"/>, for a rule that honours
    /// <see cref="GradAssigned"/> on its inputs (<see cref="Node{T}.Assigns"/>).
    /// </summary>
    internal Tensor<T> RecordAssigning(string op, BackwardRule<T> rule, Action forward, params Tensor<T>[] parents)
    {
        CapturedGraph<T>.Recording?.Replays(this, forward);
        return Attach(op, rule, parents, assigns: true);
    }

    private Tensor<T> Attach(string op, BackwardRule<T> rule, Tensor<T>[] parents, bool assigns = false)
    {
        if (Autograd.IsRecording && AnyRequiresGrad(parents))
        {
            GradFn = new Node<T>(op, parents, rule) { Assigns = assigns };
            _requiresGrad = true;
        }

        return this;
    }

    /// <summary>
    /// True when recording is on and any of <paramref name="inputs"/> requires grad, or while a graph is being
    /// captured (every op then records itself, so that its forward can be replayed).
    /// </summary>
    internal static bool NeedsGrad(params ReadOnlySpan<Tensor<T>> inputs) =>
        Autograd.IsRecording && (AnyRequiresGrad(inputs) || CapturedGraph<T>.Recording is not null);

    private static bool AnyRequiresGrad(ReadOnlySpan<Tensor<T>> inputs)
    {
        foreach (var t in inputs)
        {
            if (t.RequiresGrad)
            {
                return true;
            }
        }

        return false;
    }

    private int FlatIndex(ReadOnlySpan<int> index)
    {
        if (index.Length != Rank)
        {
            throw new ArgumentException($"Tensor index: {index.Length} indices for shape {Shape} (rank {Rank}).",
                nameof(index));
        }

        var flat = 0;
        for (var i = 0; i < index.Length; i++)
        {
            var d = Shape.Dims[i];
            if ((uint)index[i] >= (uint)d)
            {
                throw new IndexOutOfRangeException($"Tensor index: index {index[i]} is out of range for axis {i} " +
                    $"of shape {Shape}.");
            }

            flat = (flat * d) + index[i];
        }

        return flat;
    }

    /// <summary>A short description: shape, element type, and the first elements.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Tensor<").Append(typeof(T).Name).Append('>').Append(Shape).Append(" [");
        var span = Span;
        var n = Math.Min(span.Length, 8);
        for (var i = 0; i < n; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(span[i].ToString("G6", CultureInfo.InvariantCulture));
        }

        if (span.Length > n)
        {
            sb.Append(", …");
        }

        return sb.Append(']').ToString();
    }
}
