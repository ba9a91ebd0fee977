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

    /// <summary>Every restart trained (one for a single start), in index order.</summary>
    public IReadOnlyList<RestartSummary> Restarts { get; init; } = [];

    /// <summary>The position in <see cref="Restarts"/> of the restart whose network was kept.</summary>
    public int BestRestart { get; init; }

    /// <summary>Wall seconds spent training all restarts (the whole training for a single start).</summary>
    public double RestartSeconds { get; init; }

    /// <summary>The redshift metrics per bin of the test rows (the validation rows without a test split), for a
    /// redshift target; else null.</summary>
    public RedshiftBinTable? RedshiftBins { get; init; }

    /// <summary>The process's peak resident memory when training ended, in bytes (0 where unknown).</summary>
    public long PeakMemoryBytes { get; init; }
}
