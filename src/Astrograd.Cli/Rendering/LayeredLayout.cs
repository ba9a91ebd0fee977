namespace Astrograd.Cli.Rendering;

/// <summary>A box placed by <see cref="LayeredLayout"/>: top-left corner and size.</summary>
internal readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double CenterY => Y + (Height / 2);

    public double Right => X + Width;
}

/// <summary>An edge from node From to input slot Slot of node To, as a polyline.</summary>
internal sealed record EdgeRoute(int From, int To, int Slot, IReadOnlyList<(double X, double Y)> Points);

/// <summary>The result of <see cref="LayeredLayout.Compute"/>.</summary>
internal sealed record Layout(IReadOnlyList<Box> Boxes, IReadOnlyList<EdgeRoute> Edges, double Width, double Height);

/// <summary>
/// A layered (Sugiyama-style) drawing of a DAG, inputs on the left and the result on the right:
/// 1. layers by the longest path from the inputs (leaves that are not pinned move next to their first consumer);
/// 2. an edge that skips layers gets a waypoint in every layer it crosses, so that it bends around boxes;
/// 3. a few barycenter sweeps reorder each layer to reduce crossings, keeping the best order seen;
/// 4. each box is pulled towards the mean height of its neighbours, without overlapping the others.
/// </summary>
internal static class LayeredLayout
{
    private const double Margin = 20;
    private const double LayerGap = 56;
    private const double RowGap = 18;
    private const double WaypointHeight = 8;
    private const int Sweeps = 8;

    /// <summary>Lays out nodes whose inputs always have smaller indices (a topological order).</summary>
    /// <param name="inputs">The inputs of each node.</param>
    /// <param name="sizes">The width and height of each node's box.</param>
    /// <param name="pinned">Leaves that stay in the first layer (variables); other leaves float right.</param>
    /// <param name="top">Space to leave above the drawing (for a caption).</param>
    public static Layout Compute(
        IReadOnlyList<IReadOnlyList<int>> inputs, IReadOnlyList<(double W, double H)> sizes, IReadOnlyList<bool> pinned,
        double top = 0)
    {
        var n = inputs.Count;
        var layer = AssignLayers(inputs, pinned);

        // Virtual vertices: the real nodes, then one waypoint per layer crossed by a long edge.
        var vLayer = new List<int>(layer);
        var preds = new List<List<int>>();
        var succs = new List<List<int>>();
        for (var i = 0; i < n; i++)
        {
            preds.Add([]);
            succs.Add([]);
        }

        var chains = new List<(int From, int To, int Slot, List<int> Waypoints)>();
        for (var v = 0; v < n; v++)
        {
            for (var slot = 0; slot < inputs[v].Count; slot++)
            {
                var u = inputs[v][slot];
                var waypoints = new List<int>();
                var previous = u;
                for (var l = layer[u] + 1; l < layer[v]; l++)
                {
                    var w = vLayer.Count;
                    vLayer.Add(l);
                    preds.Add([]);
                    succs.Add([]);
                    Link(previous, w);
                    waypoints.Add(w);
                    previous = w;
                }

                Link(previous, v);
                chains.Add((u, v, slot, waypoints));
            }
        }

        var order = OrderLayers(vLayer, preds, succs);
        var height = new double[vLayer.Count];
        var width = new double[vLayer.Count];
        for (var v = 0; v < vLayer.Count; v++)
        {
            (width[v], height[v]) = v < n ? sizes[v] : (0, WaypointHeight);
        }

        var y = PlaceVertically(order, preds, succs, height);
        return Assemble(order, vLayer, width, height, y, chains, n, top);

        void Link(int from, int to)
        {
            succs[from].Add(to);
            preds[to].Add(from);
        }
    }

    private static int[] AssignLayers(IReadOnlyList<IReadOnlyList<int>> inputs, IReadOnlyList<bool> pinned)
    {
        var n = inputs.Count;
        var layer = new int[n];
        for (var v = 0; v < n; v++)
        {
            foreach (var u in inputs[v])
            {
                layer[v] = Math.Max(layer[v], layer[u] + 1);
            }
        }

        // A constant belongs beside the op that uses it, not in the column of the inputs.
        var firstUse = new int[n];
        Array.Fill(firstUse, int.MaxValue);
        for (var v = 0; v < n; v++)
        {
            foreach (var u in inputs[v])
            {
                firstUse[u] = Math.Min(firstUse[u], layer[v]);
            }
        }

        for (var v = 0; v < n; v++)
        {
            if (inputs[v].Count == 0 && !pinned[v] && firstUse[v] != int.MaxValue)
            {
                layer[v] = firstUse[v] - 1;
            }
        }

        return layer;
    }

    private static List<List<int>> OrderLayers(List<int> vLayer, List<List<int>> preds, List<List<int>> succs)
    {
        var layers = new List<List<int>>();
        for (var v = 0; v < vLayer.Count; v++)
        {
            while (layers.Count <= vLayer[v])
            {
                layers.Add([]);
            }

            layers[vLayer[v]].Add(v);
        }

        var position = new double[vLayer.Count];
        Renumber(layers, position);
        var best = layers.Select(l => l.ToList()).ToList();
        var bestCrossings = Crossings(layers, succs, position);
        for (var sweep = 0; sweep < Sweeps && bestCrossings > 0; sweep++)
        {
            var down = sweep % 2 == 0;
            for (var k = 0; k < layers.Count; k++)
            {
                var l = down ? k : layers.Count - 1 - k;
                var neighbours = down ? preds : succs;

                // Mean position of the neighbours in the layer just swept; a vertex without any keeps its place.
                var key = layers[l].ToDictionary(v => v, v => neighbours[v].Count == 0
                    ? position[v]
                    : neighbours[v].Average(u => position[u]));
                var sorted = layers[l].OrderBy(v => key[v]).ToList();
                layers[l] = sorted;
                for (var i = 0; i < sorted.Count; i++)
                {
                    position[sorted[i]] = i;
                }
            }

            var crossings = Crossings(layers, succs, position);
            if (crossings < bestCrossings)
            {
                bestCrossings = crossings;
                best = layers.Select(l => l.ToList()).ToList();
            }
        }

        return best;
    }

    private static void Renumber(List<List<int>> layers, double[] position)
    {
        foreach (var l in layers)
        {
            for (var i = 0; i < l.Count; i++)
            {
                position[l[i]] = i;
            }
        }
    }

    // Two edges between the same pair of adjacent layers cross when their ends are in opposite orders.
    private static int Crossings(List<List<int>> layers, List<List<int>> succs, double[] position)
    {
        var total = 0;
        foreach (var l in layers)
        {
            var edges = l.SelectMany(u => succs[u].Select(v => (A: position[u], B: position[v]))).ToList();
            for (var i = 0; i < edges.Count; i++)
            {
                for (var j = i + 1; j < edges.Count; j++)
                {
                    if ((edges[i].A - edges[j].A) * (edges[i].B - edges[j].B) < 0)
                    {
                        total++;
                    }
                }
            }
        }

        return total;
    }

    private static double[] PlaceVertically(
        List<List<int>> layers, List<List<int>> preds, List<List<int>> succs, double[] height)
    {
        var y = new double[height.Length];
        foreach (var l in layers)
        {
            var top = 0.0;
            foreach (var v in l)
            {
                y[v] = top;
                top += height[v] + RowGap;
            }
        }

        // Pull each box towards its neighbours' centres, alternately from the left and from the right.
        for (var pass = 0; pass < 6; pass++)
        {
            var fromLeft = pass % 2 == 0;
            for (var k = 0; k < layers.Count; k++)
            {
                var l = layers[fromLeft ? k : layers.Count - 1 - k];
                var neighbours = fromLeft ? preds : succs;
                var desired = l.Select(v =>
                {
                    var all = neighbours[v].Count > 0 ? neighbours[v] : (fromLeft ? succs[v] : preds[v]);
                    return all.Count == 0 ? y[v] : all.Average(u => y[u] + (height[u] / 2)) - (height[v] / 2);
                }).ToArray();
                Pack(l, desired, height, y);
            }
        }

        return y;
    }

    // Places the boxes of one layer, in order and without overlap, as close as possible (least squares) to their
    // desired tops. With offset_i the room the boxes above i need, z_i = y_i - offset_i must not decrease, so
    // this is isotonic regression of desired_i - offset_i, solved by pooling adjacent violators.
    private static void Pack(List<int> layer, double[] desired, double[] height, double[] y)
    {
        var offset = new double[layer.Count];
        for (var i = 1; i < layer.Count; i++)
        {
            offset[i] = offset[i - 1] + height[layer[i - 1]] + RowGap;
        }

        var blocks = new List<(double Sum, int Count)>();
        for (var i = 0; i < layer.Count; i++)
        {
            blocks.Add((desired[i] - offset[i], 1));
            while (blocks.Count > 1 && blocks[^2].Sum / blocks[^2].Count > blocks[^1].Sum / blocks[^1].Count)
            {
                var merged = (blocks[^2].Sum + blocks[^1].Sum, blocks[^2].Count + blocks[^1].Count);
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = merged;
            }
        }

        var index = 0;
        foreach (var (sum, count) in blocks)
        {
            for (var k = 0; k < count; k++, index++)
            {
                y[layer[index]] = (sum / count) + offset[index];
            }
        }
    }

    private static Layout Assemble(
        List<List<int>> layers, List<int> vLayer, double[] width, double[] height, double[] y,
        List<(int From, int To, int Slot, List<int> Waypoints)> chains, int n, double top)
    {
        var minY = y.Length == 0 ? 0 : y.Min();
        var layerX = new double[layers.Count];
        var layerWidth = layers.Select(l => l.Count == 0 ? 0 : l.Max(v => width[v])).ToArray();
        var x = Margin;
        for (var l = 0; l < layers.Count; l++)
        {
            layerX[l] = x;
            x += layerWidth[l] + LayerGap;
        }

        var boxes = new Box[n];
        var maxBottom = 0.0;
        for (var v = 0; v < y.Length; v++)
        {
            var l = vLayer[v];
            var box = new Box(layerX[l] + ((layerWidth[l] - width[v]) / 2), y[v] - minY + Margin + top, width[v],
                height[v]);
            maxBottom = Math.Max(maxBottom, box.Y + box.Height);
            if (v < n)
            {
                boxes[v] = box;
            }
            else
            {
                // Waypoints span their whole column so that the edge runs straight through it.
                y[v] = box.CenterY;
            }
        }

        var edges = new List<EdgeRoute>();
        foreach (var (from, to, slot, waypoints) in chains)
        {
            var source = boxes[from];
            var target = boxes[to];
            var slots = chains.Count(c => c.To == to);
            var points = new List<(double, double)> { (source.Right, source.CenterY) };
            foreach (var w in waypoints)
            {
                points.Add((layerX[vLayer[w]], y[w]));
                points.Add((layerX[vLayer[w]] + layerWidth[vLayer[w]], y[w]));
            }

            points.Add((target.X, target.Y + (target.Height * (slot + 1) / (slots + 1))));
            edges.Add(new EdgeRoute(from, to, slot, points));
        }

        return new Layout(boxes, edges, Math.Max(x - LayerGap + Margin, 2 * Margin), maxBottom + Margin);
    }
}
