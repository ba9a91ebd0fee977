using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;

namespace Astrograd.Onnx;

/// <summary>
/// A small builder over OnnxSharp's <see cref="GraphProto"/>: adds nodes and float32 initializers under fresh,
/// readable names, so that the exporter reads as the sequence of operations it emits.
/// </summary>
internal sealed class OnnxGraph
{
    private int _next;

    public GraphProto Proto { get; } = new();

    /// <summary>Adds one node of the default domain and returns the name of its (single) output.</summary>
    public string Node(string opType, string hint, IEnumerable<string> inputs,
        params IEnumerable<AttributeProto> attributes) => Named(opType, Fresh(hint), inputs, attributes);

    /// <summary>Adds one node whose output is named exactly <paramref name="output"/> (a graph output).</summary>
    public string Named(string opType, string output, IEnumerable<string> inputs,
        params IEnumerable<AttributeProto> attributes)
    {
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{_next}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Proto.Node.Add(node);
        return output;
    }

    /// <summary>Adds one node with <paramref name="outputs"/> outputs (Split) and returns their names.</summary>
    public string[] Nodes(string opType, string hint, IEnumerable<string> inputs, int outputs,
        params IEnumerable<AttributeProto> attributes)
    {
        var names = Enumerable.Range(0, outputs).Select(_ => Fresh(hint)).ToArray();
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{_next}" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(names);
        node.Attribute.AddRange(attributes);
        Proto.Node.Add(node);
        return names;
    }

    /// <summary>A float32 initializer of <paramref name="dims"/> holding <paramref name="values"/> (row-major); the
    /// exporter needs no other kind.</summary>
    public string Floats(string hint, long[] dims, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            // The ONNX raw-data layout is little-endian whatever the machine.
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        var name = Fresh(hint);
        var tensor = new TensorProto
        {
            Name = name,
            DataType = (int)TensorProto.Types.DataType.Float,
            RawData = ByteString.CopyFrom(bytes),
        };
        tensor.Dims.AddRange(dims);
        Proto.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A scalar float32 initializer.</summary>
    public string Scalar(string hint, float value) => Floats(hint, [], [value]);

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A float attribute.</summary>
    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>A tensor description with a symbolic first dimension: [<paramref name="batch"/>, width] or
    /// [<paramref name="batch"/>] when <paramref name="width"/> is null.</summary>
    public static ValueInfoProto Batched(string name, TensorProto.Types.DataType type, string batch, long? width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batch });
        if (width is { } w)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = w });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private string Fresh(string hint) => $"{hint}_{_next++}";
}
