using System.Text;
using Astrograd.Data;
using Astrograd.IO;
using Astrograd.NN;
using Astrograd.Runs;
using CsCheck;

namespace Astrograd.Tests.Fuzz;

/// <summary>
/// The model loader on a damaged model.json, damaged weights, or both: a model that predicts, or a DataException
/// (or the SafetensorsException of the weights file), never a crash.
/// </summary>
public sealed class ModelLoaderFuzzTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "astrograd-fuzz-" + Guid.NewGuid().ToString("N"));
    private readonly byte[] _card;
    private readonly byte[] _weights;

    public ModelLoaderFuzzTests()
    {
        var valid = Path.Combine(_root, "valid");
        ValidModel().Save(valid);
        _card = File.ReadAllBytes(Path.Combine(valid, TrainedModel.CardFile));
        _weights = File.ReadAllBytes(Path.Combine(valid, TrainedModel.WeightsFile));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_mutated_card_gives_a_model_or_a_data_error() =>
        Mutations.Of(_card).Sample(card => Load(card, _weights), seed: FuzzBudget.Seed,
            iter: FuzzBudget.Iterations, threads: 1);

    [Fact]
    public void Mutated_weights_give_a_model_or_a_data_error() =>
        Mutations.Of(_weights).Sample(weights => Load(_card, weights), seed: FuzzBudget.Seed,
            iter: FuzzBudget.Iterations, threads: 1);

    [Fact]
    public void A_card_with_hostile_values_gives_a_model_or_a_data_error()
    {
        var text = Encoding.UTF8.GetString(_card);
        var numbers = System.Text.RegularExpressions.Regex.Matches(text, @"-?\d+(\.\d+)?|""[a-z_.]+""|null|\[");

        Gen.Select(Gen.Int[0, numbers.Count - 1], Gen.OneOf(_hostileValues), (i, value) => Encoding.UTF8.GetBytes(
                text[..numbers[i].Index] + value + text[(numbers[i].Index + numbers[i].Length)..]))
            .Sample(card => Load(card, _weights), seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations, threads: 1);
    }

    [Fact]
    public void Random_bytes_as_the_card_give_a_data_error() =>
        Mutations.RandomBytes(256).Sample(card => Load(card, _weights), seed: FuzzBudget.Seed,
            iter: FuzzBudget.Iterations, threads: 1);

    private static readonly string[] _hostileValues =
        ["null", "0", "-1", "1000000000", "2147483647", "1e300", "\"NaN\"", "\"\"", "[]", "[null]", "{}",
            "[1000000000, 1000000000]", "\"x\"", "[0]", "[-1]", "true", "1.5", "[\"a\", \"a\"]"];

    private void Load(byte[] card, byte[] weights)
    {
        var directory = Path.Combine(_root, "case");
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, TrainedModel.CardFile), card);
        File.WriteAllBytes(Path.Combine(directory, TrainedModel.WeightsFile), weights);
        var table = new DataTable([DataColumn.Numeric("a", [1, 2]), DataColumn.Numeric("b", [0.5, -1])]);

        FuzzOracle.Check(card, () => TrainedModel.Load(directory).PredictRaw(table), typeof(DataException),
            typeof(SafetensorsException));
    }

    private static TrainedModel ValidModel()
    {
        var network = new Mlp<float>(new MlpSpec(2, [3], 1), new Rng(5));
        var card = new ModelCard
        {
            Task = "binary",
            Target = "class",
            Features = ["a", "b"],
            Classes = ["0", "1"],
            Architecture = new ArchitectureCard { Inputs = 2, Hidden = [3], Outputs = 1, Activation = "tanh" },
            Standardization = new StandardizationCard { Mean = [0.5, 1], Std = [2, 0] },
            Loss = "bce",
            Reduction = "mean",
        };
        return new TrainedModel(network, card);
    }
}
