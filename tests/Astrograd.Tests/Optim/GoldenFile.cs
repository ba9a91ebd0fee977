using System.Text.Json;
using Astrograd.NN;

namespace Astrograd.Tests.Optim;

/// <summary>
/// The committed reference numbers of Golden/optim_golden.json (written by Golden/make_golden.py with PyTorch)
/// and the two small problems they were computed on, rebuilt here with our own ops.
/// </summary>
internal static class GoldenFile
{
    private static readonly Lazy<JsonElement> _document = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Optim", "Golden", "optim_golden.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    });

    public static JsonElement Root => _document.Value;

    public static TheoryData<string> Names(string section)
    {
        var names = new TheoryData<string>();
        foreach (var item in Root.GetProperty(section).EnumerateArray())
        {
            names.Add(item.GetProperty("name").GetString()!);
        }

        return names;
    }

    public static JsonElement Find(string section, string name)
    {
        foreach (var item in Root.GetProperty(section).EnumerateArray())
        {
            if (item.GetProperty("name").GetString() == name)
            {
                return item;
            }
        }

        throw new KeyNotFoundException($"No golden {section} entry named '{name}'.");
    }

    public static double[] Doubles(JsonElement array)
    {
        var result = new double[array.GetArrayLength()];
        var i = 0;
        foreach (var v in array.EnumerateArray())
        {
            result[i++] = v.GetDouble();
        }

        return result;
    }

    /// <summary>Fresh parameters and the loss of a named golden problem.</summary>
    public static (Parameter<double>[] Parameters, Func<Tensor<double>> Loss) Problem(string name)
    {
        switch (name)
        {
            case "rosenbrock":
                {
                    var p = new Parameter<double>(new Shape(2), [-1.5, 2.0]);
                    return ([p], () =>
                    {
                        var x = p.Slice(0, 0, 1);
                        var y = p.Slice(0, 1, 1);
                        return ((1.0 - x) * (1.0 - x) + 100.0 * (y - x * x) * (y - x * x)).Sum();
                    }
                    );
                }

            case "least_squares":
                {
                    var data = Root.GetProperty("least_squares");
                    var rows = data.GetProperty("x").EnumerateArray().Select(Doubles).ToArray();
                    var x = Tensor.FromArray(rows.SelectMany(r => r).ToArray(), rows.Length, rows[0].Length);
                    var y = Tensor.FromArray(Doubles(data.GetProperty("y")), rows.Length, 1);
                    var w = new Parameter<double>(new Shape(3, 1), [0.5, -0.3, 0.2]);
                    var b = new Parameter<double>(new Shape(1), [0.1]);
                    return ([w, b], () =>
                    {
                        var r = x.MatMul(w) + b - y;
                        return (r * r).Mean();
                    }
                    );
                }

            default:
                throw new ArgumentException($"Unknown golden problem '{name}'.", nameof(name));
        }
    }
}
