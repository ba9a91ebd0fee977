using System.Text.Json.Serialization;

namespace Astrograd.Runs;

/// <summary>
/// The contents of <c>model.json</c>: everything besides the weights needed to rebuild the network and
/// apply it to raw table columns (architecture, task, feature and class names, standardisation, loss).
/// </summary>
public sealed record ModelCard
{
    /// <summary>The file format's name.</summary>
    public string Format { get; init; } = "astrograd.model";

    /// <summary>The file format's version; readers refuse versions they do not know.</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>The library version that wrote the model.</summary>
    public string LibraryVersion { get; init; } = AstrogradInfo.Version;

    /// <summary>binary, multiclass or regression.</summary>
    public required string Task { get; init; }

    /// <summary>The target column's name.</summary>
    public required string Target { get; init; }

    /// <summary>The feature columns, in input order.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>Class names by index (classification), or null.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>The network's hyperparameters.</summary>
    public required ArchitectureCard Architecture { get; init; }

    /// <summary>How raw columns become the features (sentinels, colours, missing values); null in a model written
    /// before it was recorded, which refuses missing values.</summary>
    public PreprocessingCard? Preprocessing { get; init; }

    /// <summary>The input standardisation, fitted on the training rows.</summary>
    public required StandardizationCard Standardization { get; init; }

    /// <summary>The loss trained with (l1, l2, huber, chi2, gaussian-nll, student-t, bce, ce).</summary>
    public required string Loss { get; init; }

    /// <summary>mean or sum.</summary>
    public required string Reduction { get; init; }

    /// <summary>The target columns of a model with several (in output order), or null for one
    /// (<see cref="Target"/>).</summary>
    public IReadOnlyList<string>? Targets { get; init; }

    /// <summary>The target standardisation of a model with several targets, or null (targets in their own units).
    /// </summary>
    public StandardizationCard? TargetStandardization { get; init; }

    /// <summary>The --sigma column(s) the loss read the targets' errors from, or null.</summary>
    public string? Sigma { get; init; }

    /// <summary>ν of the student-t loss, or null.</summary>
    public double? Nu { get; init; }

    /// <summary>The run's seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>Which restart of a multi-start these weights come from (0 for a single start); with the seed it
    /// replays the network (<c>astrograd train --seed S --restart K</c>).</summary>
    public int Restart { get; init; }

    /// <summary>How the weights were trained (optimizer, learning rate, weight decay, schedule), or null in a
    /// model written before it was recorded.</summary>
    public OptimizerCard? Optimizer { get; init; }

    /// <summary>The FITS HDU the model was trained on, which predict and evaluate read by default from a FITS
    /// table; null for a CSV or embedded table, and in a model written before it was recorded.</summary>
    public HduCard? Hdu { get; init; }
}

/// <summary>The FITS HDU a table was read from, as stored in <c>model.json</c>.</summary>
public sealed record HduCard
{
    /// <summary>The HDU's 0-based index in its file (0 is the primary HDU).</summary>
    public int Index { get; init; }

    /// <summary>Its EXTNAME, or null when it has none.</summary>
    public string? Name { get; init; }

    /// <summary>The <c>--hdu</c> text that chose it, or null when none was given (the first BINTABLE).</summary>
    public string? Given { get; init; }
}

/// <summary>The optimizer and schedule of a run, as stored in <c>model.json</c>.</summary>
public sealed record OptimizerCard
{
    /// <summary>sgd, adam, adamw, rmsprop, rprop or lbfgs.</summary>
    public required string Name { get; init; }

    /// <summary>The initial learning rate λ.</summary>
    public double LearningRate { get; init; }

    /// <summary>SGD momentum (0 for the other optimizers).</summary>
    public double Momentum { get; init; }

    /// <summary>True when SGD used Nesterov's momentum; left out otherwise.</summary>
    public bool? Nesterov { get; init; }

    /// <summary>The weight-decay coefficient.</summary>
    public double WeightDecay { get; init; }

    /// <summary>"l2" (added to the gradient), "decoupled" (adamw) or "none".</summary>
    public required string WeightDecayKind { get; init; }

    /// <summary>none, step, exponential, cosine or plateau.</summary>
    public required string Schedule { get; init; }

    /// <summary>The schedule's step size in epochs (step, plateau), else null.</summary>
    public int? StepSize { get; init; }

    /// <summary>The schedule's γ (step, exponential, plateau), else null.</summary>
    public double? Gamma { get; init; }

    /// <summary>Warm-up epochs (cosine), else null.</summary>
    public int? WarmupEpochs { get; init; }

    /// <summary>The lowest rate (cosine, plateau), else null.</summary>
    public double? MinLearningRate { get; init; }

    /// <summary>The gradient-norm limit of <c>--clip-grad-norm</c>, or null when gradients were not clipped.
    /// </summary>
    public double? ClipGradNorm { get; init; }

    /// <summary>The card of <paramref name="config"/>'s optimizer and schedule.</summary>
    public static OptimizerCard From(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var s = config.Schedule;
        return new OptimizerCard
        {
            Name = config.Optimizer.ToName(),
            LearningRate = config.LearningRate,
            Momentum = config.Optimizer == OptimizerKind.Sgd ? config.Momentum : 0,
            Nesterov = config.Nesterov ? true : null,
            WeightDecay = config.WeightDecay,
            WeightDecayKind = config.WeightDecay == 0 ? "none"
                : config.Optimizer == OptimizerKind.AdamW ? "decoupled" : "l2",
            Schedule = s.ToName(),
            StepSize = s is ScheduleKind.Step or ScheduleKind.Plateau ? config.StepSize : null,
            Gamma = s is ScheduleKind.Step or ScheduleKind.Exponential or ScheduleKind.Plateau ? config.Gamma : null,
            WarmupEpochs = s == ScheduleKind.Cosine ? config.WarmupEpochs : null,
            MinLearningRate = s is ScheduleKind.Cosine or ScheduleKind.Plateau ? config.MinLearningRate : null,
            ClipGradNorm = config.ClipGradNorm,
        };
    }
}

/// <summary>The hyperparameters of an MLP, as stored in <c>model.json</c>.</summary>
public sealed record ArchitectureCard
{
    /// <summary>Always "mlp" for now.</summary>
    public string Kind { get; init; } = "mlp";

    /// <summary>Features per sample.</summary>
    public int Inputs { get; init; }

    /// <summary>Neurons per hidden layer.</summary>
    public required IReadOnlyList<int> Hidden { get; init; }

    /// <summary>Outputs per sample.</summary>
    public int Outputs { get; init; }

    /// <summary>The hidden activation's name.</summary>
    public required string Activation { get; init; }

    /// <summary>Dropout probability after hidden activations.</summary>
    public double Dropout { get; init; }
}

/// <summary>Standardisation z = (x − mean) / scale per feature, as stored in <c>model.json</c>.</summary>
public sealed record StandardizationCard
{
    /// <summary>The divisor of the variance: "n" (population standard deviation).</summary>
    public string Divisor { get; init; } = "n";

    /// <summary>Training-row means.</summary>
    public required IReadOnlyList<double> Mean { get; init; }

    /// <summary>Training-row standard deviations (0 for a constant feature, which is then scaled by 1).</summary>
    public required IReadOnlyList<double> Std { get; init; }
}

/// <summary>Source-generated JSON for the run files (snake_case, indented, no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ModelCard))]
internal sealed partial class RunJsonContext : JsonSerializerContext;
