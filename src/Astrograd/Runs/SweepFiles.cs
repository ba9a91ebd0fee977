using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Astrograd.Runs;

/// <summary>The text files of a learning-rate sweep and range test: CSV tables and a one-object JSON summary.
/// Non-finite numbers are empty cells in CSV and null in JSON.</summary>
public static class SweepFiles
{
    /// <summary>sweep.csv: one line per (λ, epoch): lr, epoch, train_loss, val_loss, diverged.</summary>
    public static string SweepCsv(IReadOnlyList<SweepRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var sb = new StringBuilder("lr,epoch,train_loss,val_loss,diverged\n");
        foreach (var run in runs)
        {
            foreach (var e in run.Training.History)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{run.LearningRate:R},{e.Epoch},{Cell(e.TrainLoss)},")
                    .Append(CultureInfo.InvariantCulture, $"{Cell(e.ValidationLoss)},{Flag(run.Diverged)}\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>range.csv: one line per step: step, lr, loss (the batch's), smoothed_loss.</summary>
    public static string RangeCsv(RangeTestResult range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var sb = new StringBuilder("step,lr,loss,smoothed_loss\n");
        for (var i = 0; i < range.Points.Count; i++)
        {
            var (lr, loss) = range.Points[i];
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1},{lr:R},{Cell(loss)},{Cell(range.Smoothed[i])}\n");
        }

        return sb.ToString();
    }

    /// <summary>The sweep as one JSON object: <c>runs</c>, each with lr, epochs, final_loss, best_loss (the
    /// validation loss, else the training loss), final_train_loss, diverged (with
    /// diverged_epoch), initial_loss and non_finite.</summary>
    public static string SweepJson(IReadOnlyList<SweepRun> runs, string outDirectory)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return Json(w =>
        {
            w.WriteString("kind", "lr-sweep");
            w.WriteStartArray("runs");
            foreach (var run in runs)
            {
                w.WriteStartObject();
                w.WriteNumber("lr", run.LearningRate);
                w.WriteNumber("epochs", run.Training.History.Count);
                w.WriteFiniteOrNull("final_loss", run.FinalLoss);
                w.WriteFiniteOrNull("best_loss", run.BestLoss);
                w.WriteFiniteOrNull("final_train_loss", run.Training.History.Count == 0 ? double.NaN
                    : run.Training.History[^1].TrainLoss);
                w.WriteBoolean("diverged", run.Diverged);
                w.WriteFiniteOrNull("initial_loss", run.InitialLoss);
                if (run.DivergedEpoch is { } epoch)
                {
                    w.WriteNumber("diverged_epoch", epoch);
                }

                w.WriteBoolean("non_finite", run.Training.Divergence is not null);

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("out_dir", outDirectory);
        });
    }

    /// <summary>The range test as one JSON object: steps, min_lr and max_lr reached, lr_at_minimum (of the
    /// smoothed loss), suggested_lr (a tenth of it), min_smoothed_loss and diverged.</summary>
    public static string RangeJson(RangeTestResult range, double minLearningRate, double maxLearningRate,
        string outDirectory)
    {
        ArgumentNullException.ThrowIfNull(range);
        return Json(w =>
        {
            w.WriteString("kind", "lr-range-test");
            w.WriteNumber("steps", range.Points.Count);
            w.WriteNumber("min_lr", minLearningRate);
            w.WriteNumber("max_lr", maxLearningRate);
            w.WriteFiniteOrNull("last_lr", range.Points.Count == 0 ? double.NaN : range.Points[^1].LearningRate);
            w.WriteFiniteOrNull("lr_at_minimum", range.MinimumLearningRate);
            w.WriteFiniteOrNull("suggested_lr", range.SuggestedLearningRate);
            w.WriteString("suggestion", "a tenth of the lr at the minimum of the smoothed loss");
            w.WriteFiniteOrNull("min_smoothed_loss", range.Smoothed.Count == 0 ? double.NaN : range.Smoothed.Min());
            w.WriteBoolean("diverged", range.Divergence is not null);
            w.WriteString("out_dir", outDirectory);
        });
    }

    private static string Cell(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Json(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            writeProperties(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
