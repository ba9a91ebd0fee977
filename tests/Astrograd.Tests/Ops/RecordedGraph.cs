using System.Numerics;

namespace Astrograd.Tests.Ops;

/// <summary>What a recorded graph contains, for coverage checks over op tables.</summary>
public static class RecordedGraph
{
    /// <summary>The op names of every node in the graph that produced <paramref name="output"/>.</summary>
    public static IReadOnlySet<string> Ops<T>(Tensor<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        var ops = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<Tensor<T>>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Tensor<T>>([output]);
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            if (!seen.Add(t) || t.IsLeaf)
            {
                continue;
            }

            ops.Add(t.Op);
            foreach (var p in t.Parents)
            {
                stack.Push(p);
            }
        }

        return ops;
    }
}
