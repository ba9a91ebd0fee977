using System.Numerics;

namespace Astrograd;

/// <summary>
/// A backward rule: given the gradient of the final result with respect to an op's output
/// (<paramref name="gradOutput"/>, same shape as the output), accumulate the gradients of the op's
/// inputs into their gradient buffers. Rules add, so reuse of a tensor works; a rule of a node that
/// <see cref="Node{T}.Assigns"/> overwrites instead the gradient of an input marked
/// <see cref="Tensor{T}.GradAssigned"/>, which no other rule writes.
/// </summary>
internal delegate void BackwardRule<T>(ReadOnlySpan<T> gradOutput)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// One recorded op in the graph: its name, its inputs and its backward rule. Graph bookkeeping only;
/// the arithmetic lives in the kernels.
/// </summary>
internal sealed class Node<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public Node(string op, Tensor<T>[] parents, BackwardRule<T> rule)
    {
        Op = op;
        Parents = parents;
        Rule = rule;
    }

    /// <summary>The op's name, as shown in graphs and errors.</summary>
    public string Op { get; }

    /// <summary>The op's inputs; emptied when the graph is released.</summary>
    public Tensor<T>[] Parents { get; private set; }

    /// <summary>The backward rule; null once released.</summary>
    public BackwardRule<T>? Rule { get; private set; }

    /// <summary>
    /// The rule writes, rather than adds, the gradient of a parent whose <see cref="Tensor{T}.GradAssigned"/> is
    /// set (a captured graph sets it where this rule is the gradient's only writer).
    /// </summary>
    public bool Assigns { get; set; }

    /// <summary>True once backward ran without keeping the graph.</summary>
    public bool IsReleased => Rule is null;

    /// <summary>Frees the saved tensors (captured by the rule) and the links to the inputs.</summary>
    public void Release()
    {
        Rule = null;
        Parents = [];
    }
}
