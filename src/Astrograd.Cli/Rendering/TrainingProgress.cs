using System.Globalization;
using Astrograd.Runs;
using Astrograd.Training;
using Spectre.Console;

namespace Astrograd.Cli.Rendering;

/// <summary>
/// Plain progress lines for a training run: one line when the data is ready and one per epoch. They go to the
/// console, or to <c>plainWriter</c> (standard error) when standard output carries JSON.
/// </summary>
internal sealed class TrainingProgress(CliOutput output, TextWriter? plainWriter)
{
    public void Prepared(PreparedData data, string source)
    {
        var features = data.Features.Count == 1 ? "1 feature" : $"{data.Features.Count} features";
        var targets = data.Targets.Count > 1
            ? $"targets {string.Join(", ", data.Targets.Select(t => $"'{t}'"))}"
            : $"target '{data.Target}'";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"data: {source}: {data.Train.Rows} train, {data.Validation?.Rows ?? 0} validation, " +
            $"{data.Test?.Rows ?? 0} test rows; {features}; task {Lower(data.Task)}, {targets}");
        Write(line);
    }

    public void Epoch(EpochReport e) => Write(Describe(e));

    /// <summary>One line per finished restart of a multi-start (called from worker threads).</summary>
    public void Restart(RestartSummary r)
    {
        var validation = r.ValidationLossAtBest is { } v
            ? FormattableString.Invariant($", val loss {v:F4}")
            : string.Empty;
        var diverged = r.Diverged ? ", diverged" : string.Empty;
        var line = FormattableString.Invariant($"restart {r.Index}: seed {r.Seed}, {r.Epochs} epochs, best epoch ") +
            FormattableString.Invariant($"{r.BestEpoch}: train loss {r.TrainLossAtBest:F4}{validation}{diverged}");
        lock (this)
        {
            Write(line);
        }
    }

    /// <summary>"epoch  3/200  train 0.0712  val 0.0688  accuracy 0.9794 *" (the star marks a new best).</summary>
    public static string Describe(EpochReport e)
    {
        var width = e.Epochs.ToString(CultureInfo.InvariantCulture).Length;
        var val = e.ValidationLoss is { } v ? string.Create(CultureInfo.InvariantCulture, $"  val " +
            $"{v:F4}") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {e.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{e.Epochs}  train " +
                $"{e.TrainLoss:F4}{val}  " +
            $"{e.MetricName} {e.Metric:F4}{(e.IsBest ? " *" : string.Empty)}");
    }

    private void Write(string line)
    {
        if (plainWriter is not null)
        {
            plainWriter.WriteLine(line);
        }
        else
        {
            output.Console.WriteLine(line, Style.Plain);
        }
    }

    private static string Lower(TaskKind task) => task.ToString().ToLowerInvariant();
}
