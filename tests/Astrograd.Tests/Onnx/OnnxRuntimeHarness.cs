using Astrograd.Onnx;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;

namespace Astrograd.Tests.Onnx;

/// <summary>Runs an exported model in ONNX Runtime (CPU) on float32 rows and returns every output by name.</summary>
internal static class OnnxRuntimeHarness
{
    public sealed record Outputs(IReadOnlyDictionary<string, float[]> Floats, IReadOnlyDictionary<string, long[]> Longs,
        IReadOnlyDictionary<string, long[]> Shapes);

    public static Outputs Run(ModelProto model, float[] rows, int features) => Run(model.ToByteArray(), rows, features);

    public static Outputs Run(byte[] model, float[] rows, int features)
    {
        using var session = new InferenceSession(model);
        using var input = OrtValue.CreateTensorValueFromMemory(rows, [rows.Length / features, features]);
        using var options = new RunOptions();
        var names = session.OutputNames;
        using var results = session.Run(options, [OnnxExporter.InputName], [input], names);

        var floats = new Dictionary<string, float[]>();
        var longs = new Dictionary<string, long[]>();
        var shapes = new Dictionary<string, long[]>();
        for (var i = 0; i < names.Count; i++)
        {
            var info = results[i].GetTensorTypeAndShape();
            shapes[names[i]] = info.Shape;
            if (info.ElementDataType == TensorElementType.Int64)
            {
                longs[names[i]] = results[i].GetTensorDataAsSpan<long>().ToArray();
            }
            else
            {
                floats[names[i]] = results[i].GetTensorDataAsSpan<float>().ToArray();
            }
        }

        return new Outputs(floats, longs, shapes);
    }

    public static double MaxAbsDiff(IReadOnlyList<double> expected, IReadOnlyList<float> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        double max = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            max = Math.Max(max, Math.Abs(expected[i] - actual[i]));
        }

        return max;
    }
}
