using System.Numerics;

namespace Astrograd;

/// <summary>
/// The reverse-mode engine: recording switches and <see cref="Backward{T}"/>, which applies the chain rule
/// through the recorded graph in reverse topological order.
/// </summary>
public static class Autograd
{
    // Per thread, so that parallel restarts and evaluation on another thread never see each other's scope.
    [ThreadStatic]
    private static int _noGradDepth;

    /// <summary>True when ops record the graph on this thread (outside every <see cref="NoGrad"/> scope).</summary>
    public static bool IsRecording => _noGradDepth == 0;

    /// <summary>
    /// A scope in which ops compute values only and record nothing (evaluation, optimizer updates):
    /// <c>using (Autograd.NoGrad()) { ... }</c>. Scopes nest; the scope belongs to the calling thread.
    /// </summary>
    public static NoGradScope NoGrad()
    {
        _noGradDepth++;
        return new NoGradScope();
    }

    internal static void ExitNoGrad() => _noGradDepth--;

    /// <summary>
    /// Computes the gradient of <paramref name="root"/> with respect to every tensor it depends on that
    /// requires grad, and adds it into each leaf's <see cref="Tensor{T}.Grad"/>.
    /// </summary>
    /// <param name="root">The result; a scalar unless <paramref name="seed"/> is given.</param>
    /// <param name="seed">∂(final)/∂root, of root's shape; defaults to 1 for a scalar root.</param>
    /// <param name="retainGraph">
    /// Keep the recorded graph (and its saved tensors) so that backward can run through it again; leaves
    /// then accumulate once more. Without it, the graph is released and a second backward throws.
    /// </param>
    /// <remarks>
    /// The order is a reverse topological order built with an explicit stack (no recursion), so graphs of
    /// any depth work. Gradients of interior tensors are dropped as soon as they have been propagated,
    /// unless <see cref="Tensor{T}.RetainGrad"/> was called on them.
    /// </remarks>
    public static void Backward<T>(Tensor<T> root, Tensor<T>? seed = null, bool retainGraph = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!root.RequiresGrad)
        {
            throw new InvalidOperationException(
                $"Backward: the tensor of shape {root.Shape} does not require grad and has no graph; " +
                "set RequiresGrad = true on the inputs before computing it.");
        }

        if (seed is null && root.Size != 1)
        {
            throw new InvalidOperationException(
                $"Backward: the output has shape {root.Shape}; a gradient can only be implied for a scalar. " +
                $"Reduce it first (for example .Sum()) or pass a seed gradient of shape {root.Shape}.");
        }

        if (seed is not null && seed.Shape != root.Shape)
        {
            throw new ArgumentException(
                $"Backward: the seed gradient has shape {seed.Shape}, the output has shape {root.Shape}.",
                    nameof(seed));
        }

        var order = TopologicalOrder(root);

        // Interior gradients start from zero on every pass; retained ones accumulate like leaves.
        foreach (var t in order)
        {
            if (!t.RetainsGrad)
            {
                t.Grad = null;
            }
        }

        var rootGrad = root.GradSpan();
        if (seed is null)
        {
            rootGrad[0] += T.One;
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.Add(rootGrad, seed.Span, rootGrad);
        }

        for (var i = order.Count - 1; i >= 0; i--)
        {
            var t = order[i];
            var node = t.GradFn;
            if (node is null)
            {
                continue;
            }

            if (node.Rule is null)
            {
                throw new InvalidOperationException(
                    $"Backward: the graph through '{node.Op}' (output {t.Shape}) was released by an earlier " +
                    "Backward(); pass retainGraph: true to the first call to run backward through it again.");
            }

            if (t.Grad is not null)
            {
                node.Rule(t.Grad.Span);
            }

            if (!retainGraph)
            {
                node.Release();
            }

            t.ReleaseGrad();
        }
    }

    /// <summary>
    /// The tensors that <paramref name="root"/> depends on and that require grad, parents before children
    /// (root last), found by an iterative depth-first search.
    /// </summary>
    internal static List<Tensor<T>> TopologicalOrder<T>(Tensor<T> root)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var order = new List<Tensor<T>>();
        var visited = new HashSet<Tensor<T>>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor<T> Tensor, int NextParent)>();
        stack.Push((root, 0));
        visited.Add(root);

        while (stack.Count > 0)
        {
            var (t, next) = stack.Pop();
            var parents = t.GradFn?.Parents ?? [];
            if (next < parents.Length)
            {
                // Come back to t after its next parent is done: post-order without recursion.
                stack.Push((t, next + 1));
                var p = parents[next];
                if (p.RequiresGrad && visited.Add(p))
                {
                    stack.Push((p, 0));
                }
            }
            else
            {
                order.Add(t);
            }
        }

        return order;
    }
}

/// <summary>Ends a <see cref="Autograd.NoGrad"/> scope when disposed.</summary>
public readonly struct NoGradScope : IDisposable
{
    /// <summary>Leaves the scope.</summary>
    public void Dispose() => Autograd.ExitNoGrad();
}
