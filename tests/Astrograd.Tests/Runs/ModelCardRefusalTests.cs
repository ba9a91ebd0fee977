using System.Text.Json.Nodes;
using Astrograd.Data;
using Astrograd.NN;
using Astrograd.Runs;

namespace Astrograd.Tests.Runs;

/// <summary>
/// A model card that parses as JSON but holds nulls, disagreeing sizes or a forged architecture is refused with a
/// DataException naming model.json (found by Fuzz/ModelLoaderFuzzTests; before, these crashed with
/// ArgumentException, NullReferenceException or a multi-gigabyte allocation).
/// </summary>
public sealed class ModelCardRefusalTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "astrograd-card-" + Guid.NewGuid().ToString("N"));

    public ModelCardRefusalTests()
    {
        var card = new ModelCard
        {
            Task = "multiclass",
            Target = "class",
            Features = ["a", "b"],
            Classes = ["GALAXY", "STAR", "QSO"],
            Architecture = new ArchitectureCard { Inputs = 2, Hidden = [4], Outputs = 3, Activation = "relu" },
            Standardization = new StandardizationCard { Mean = [0, 1], Std = [1, 2] },
            Loss = "ce",
            Reduction = "mean",
        };
        new TrainedModel(new Mlp<float>(new MlpSpec(2, [4], 3), new Rng(1)), card).Save(_dir);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string, string> Edits => new()
    {
        { "standardization.std", "[1]", "'standardization' needs 'mean' and 'std' with one value per input (2)" },
        { "standardization", "null", "'standardization' needs 'mean' and 'std'" },
        { "standardization.mean", "[\"NaN\", 0]", "non-finite mean" },
        { "architecture", "null", "the field 'architecture' needs 'hidden'" },
        { "architecture.hidden", "[0]", "hidden widths >= 1" },
        { "architecture.inputs", "-1", "got inputs -1" },
        { "architecture.dropout", "1", "dropout 1" },
        { "architecture.activation", "\"nope\"", "unknown activation 'nope'" },
        { "architecture.hidden", "[1000000000, 1000000000]", "parameters, more than the" },
        { "features", "[\"a\"]", "'features' names 1 columns, the architecture has 2 inputs" },
        { "features", "[\"a\", \"a\"]", "'features' names a column twice" },
        { "features", "null", "the field 'features' must list" },
        { "classes", "[\"GALAXY\"]", "needs 'classes' with 3 names" },
        { "classes", "null", "needs 'classes' with 3 names" },
        { "task", "\"binary\"", "a binary model cannot have 3 outputs" },
        { "task", "\"nope\"", "unknown task 'nope'" },
        { "target", "\"\"", "'target', 'loss' and 'reduction'" },
        { "loss", "\"nope\"", "'loss' is 'nope', which is not a loss of a multiclass model (expected ce)" },
        { "loss", "\"l2\"", "'loss' is 'l2', which is not a loss of a multiclass model (expected ce)" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void A_card_that_parses_but_does_not_fit_is_refused_naming_the_field(
        string field, string json, string expected)
    {
        Edit(field, json);

        var e = Assert.Throws<DataException>(() => TrainedModel.Load(_dir));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine(_dir, TrainedModel.CardFile) + ": ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("features")]
    [InlineData("architecture.hidden")]
    [InlineData("standardization.std")]
    public void A_card_without_a_required_field_is_refused_naming_the_field(string field)
    {
        var path = Path.Combine(_dir, TrainedModel.CardFile);
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var parts = field.Split('.');
        parts[..^1].Aggregate(root, (node, part) => node[part]!).AsObject().Remove(parts[^1]);
        File.WriteAllText(path, root.ToJsonString());

        var e = Assert.Throws<DataException>(() => TrainedModel.Load(_dir));

        Assert.Equal($"{path}: the field '{field}' is missing; re-create the model with 'astrograd train'", e.Message);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void Weights_that_hold_NaN_or_infinity_are_refused_naming_the_tensor(float value, string shown)
    {
        var weights = Path.Combine(_dir, TrainedModel.WeightsFile);
        var tensors = Astrograd.IO.SafetensorsFile.Read(weights).Tensors
            .Select(t => t.Name == "layers.2.bias"
                ? Astrograd.IO.SafetensorsTensor.FromSingles(t.Name, [3], [0, value, 0])
                : t)
            .ToList();
        Astrograd.IO.SafetensorsFile.Write(weights, tensors);

        var e = Assert.Throws<DataException>(() => TrainedModel.Load(_dir));

        Assert.Equal($"{weights}: tensor 'layers.2.bias' holds {shown} at element 1; a model with NaN or infinite " +
            "weights cannot predict: re-create it with 'astrograd train'", e.Message);
    }

    [Fact]
    public void The_unedited_card_loads() => Assert.Equal(3, TrainedModel.Load(_dir).Card.Architecture.Outputs);

    private void Edit(string field, string json)
    {
        var path = Path.Combine(_dir, TrainedModel.CardFile);
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var parts = field.Split('.');
        var parent = parts[..^1].Aggregate(root, (node, part) => node[part]!);
        parent[parts[^1]] = JsonNode.Parse(json);
        File.WriteAllText(path, root.ToJsonString());
    }
}
