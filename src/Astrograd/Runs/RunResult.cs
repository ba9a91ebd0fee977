using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>What a finished training run produced, for the command line to show.</summary>
/// <param name="Model">The trained model (best weights).</param>
/// <param name="Data">The prepared data (split sizes, warnings).</param>
/// <param name="Training">The training history.</param>
/// <param name="TestMetrics">Metrics on the test rows by short name (empty with --test 0).</param>
/// <param name="ValidationMetrics">Metrics on the validation rows (empty with --val 0).</param>
/// <param name="ConfusionMatrix">Test confusion matrix for classifiers (rows: true class), or null.</param>
/// <param name="RunDirectory">Where the run was written.</param>
public sealed record RunResult(TrainedModel Model, PreparedData Data, TrainingResult Training,
    IReadOnlyDictionary<string, double> TestMetrics, IReadOnlyDictionary<string, double> ValidationMetrics,
    int[][]? ConfusionMatrix, string RunDirectory)
{
    /// <summary>Things the user should know: the data's warnings (constant features, dropped rows) and
    /// training's (a loss that became NaN).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
