using System.Globalization;
using System.Text.Json;
using Astrograd.Data;
using Astrograd.IO;
using Astrograd.NN;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>
/// A trained network with what it needs to be applied to raw table columns: feature names, the fitted
/// standardisation and class names. Saved as <c>model.json</c> plus <c>weights.safetensors</c>.
/// </summary>
public sealed class TrainedModel
{
    /// <summary>The file holding the model card.</summary>
    public const string CardFile = "model.json";

    /// <summary>The file holding the weights.</summary>
    public const string WeightsFile = "weights.safetensors";

    /// <summary>Pairs a network with its card.</summary>
    public TrainedModel(Mlp<float> network, ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(card);
        Network = network;
        Card = card;
        Task = ParseTask(card.Task);
        Scaler = Standardizer.FromState(new StandardizerState([.. card.Features], [.. card.Standardization.Mean],
            [.. card.Standardization.Std]));
        Recipe = FeatureRecipe.FromCard(card.Preprocessing);
    }

    /// <summary>How the features are derived from raw columns (sentinels, colours, missing values).</summary>
    public FeatureRecipe Recipe { get; }

    /// <summary>The network.</summary>
    public Mlp<float> Network { get; }

    /// <summary>The model card.</summary>
    public ModelCard Card { get; }

    /// <summary>The task.</summary>
    public TaskKind Task { get; }

    /// <summary>The standardisation of the inputs.</summary>
    public Standardizer Scaler { get; }

    /// <summary>Writes <c>model.json</c> and <c>weights.safetensors</c> into <paramref name="directory"/>.</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var tensors = Network.NamedParameters()
            .Select(p => SafetensorsTensor.FromSingles(p.Name, p.Parameter.Shape.Dims, p.Parameter.Span))
            .ToList();
        SafetensorsFile.Write(Path.Combine(directory, WeightsFile), tensors,
            new Dictionary<string, string> { ["format"] = "pt", ["astrograd_version"] = AstrogradInfo.Version });
        AtomicFile.WriteAllText(Path.Combine(directory, CardFile),
            JsonSerializer.Serialize(Card, RunJsonContext.Default.ModelCard));
    }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    /// <exception cref="DataException">A file is missing, unreadable or does not match the card.</exception>
    public static TrainedModel Load(string directory)
    {
        var cardPath = Path.Combine(directory, CardFile);
        if (!File.Exists(cardPath))
        {
            throw DataException.At($"no {CardFile} in the model directory; pass a run directory written by train",
                directory);
        }

        var text = File.ReadAllText(cardPath);
        ModelCard card;
        try
        {
            card = JsonSerializer.Deserialize(text, RunJsonContext.Default.ModelCard)
                ?? throw DataException.At("the model card is empty", cardPath);
        }
        catch (JsonException e)
        {
            if (RequiredFields.FirstMissing(text, RunJsonContext.Default.ModelCard) is { } field)
            {
                throw DataException.At($"the field '{field}' is missing; re-create the model with 'astrograd train'",
                    cardPath);
            }

            // System.Text.Json's own text names internal reader state; the line is what a user can act on.
            var at = e.Path is { Length: > 1 } path ? $", at {path}" : string.Empty;
            var where = e.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" (JSON error near line {line + 1}{at})")
                : string.Empty;
            throw DataException.At($"not a valid model card{where}; re-create it with 'astrograd train'", cardPath);
        }

        var weightsPath = Path.Combine(directory, WeightsFile);
        if (!File.Exists(weightsPath))
        {
            throw DataException.At($"no {WeightsFile} beside {CardFile}; the run directory is incomplete", directory);
        }

        ModelCardCheck.Validate(card, cardPath, new FileInfo(weightsPath).Length);
        var a = card.Architecture;
        var spec = new MlpSpec(a.Inputs, a.Hidden, a.Outputs, ActivationExtensions.Parse(a.Activation), a.Dropout);
        var network = new Mlp<float>(spec, new Rng(0));

        var contents = SafetensorsFile.Read(weightsPath);
        foreach (var (name, p) in network.NamedParameters())
        {
            if (!contents.TryGetTensor(name, out var t))
            {
                throw DataException.At($"tensor '{name}' is missing", weightsPath);
            }

            if (!t.Shape.SequenceEqual(p.Shape.ToArray()))
            {
                throw DataException.At(
                    $"tensor '{name}' has shape [{string.Join(", ", t.Shape)}], the card implies " +
                        $"{p.Shape}", weightsPath);
            }

            var values = t.ToSingleArray();
            var bad = Array.FindIndex(values, v => !float.IsFinite(v));
            if (bad >= 0)
            {
                // Every prediction would be NaN: say so here rather than write a table of NaN.
                throw DataException.At(string.Create(CultureInfo.InvariantCulture,
                    $"tensor '{name}' holds {values[bad]} at element {bad}; a model with NaN or infinite weights " +
                    $"cannot predict: re-create it with 'astrograd train'"), weightsPath);
            }

            values.CopyTo(p.Span);
        }

        network.Eval();
        return new TrainedModel(network, card);
    }

    /// <summary>
    /// The network's raw outputs (logits or values) for <paramref name="table"/>'s rows, [n, outputs] row-major,
    /// deriving the features from raw columns with the model's <see cref="Recipe"/> (sentinels, colours, missing
    /// values) and standardising them exactly as in training.
    /// </summary>
    /// <exception cref="DataException">A needed column is missing, or a value is missing and the model does not
    /// impute.</exception>
    public float[] PredictRaw(DataTable table) => PredictRaw(table, out _);

    /// <summary>As <see cref="PredictRaw(DataTable)"/>, counting the values imputed with training medians.</summary>
    public float[] PredictRaw(DataTable table, out int imputed)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (derived, columns, filled) = Recipe.ForPrediction(table, Card.Features);
        imputed = filled;
        return Evaluation.Forward(Network, Standardize(derived, columns, Scaler), columns.Length);
    }

    /// <summary>Standardised float32 features of every row: the one code path shared by training
    /// and prediction.</summary>
    internal static float[] Standardize(DataTable table, int[] columns, Standardizer scaler)
    {
        var x = new float[(long)table.RowCount * columns.Length];
        scaler.Transform(table, columns, null, x);
        return x;
    }

    private static TaskKind ParseTask(string task) => task switch
    {
        "binary" => TaskKind.Binary,
        "multiclass" => TaskKind.Multiclass,
        "regression" => TaskKind.Regression,
        _ =>
            throw DataException.At($"unknown task '{task}' in the model card; expected binary, multiclass or " +
                $"regression"),
    };
}
