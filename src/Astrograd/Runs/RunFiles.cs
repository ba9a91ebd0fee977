using System.Globalization;
using System.Text;
using System.Text.Json;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>The text files of a run directory: <c>metrics.json</c> and <c>history.csv</c>.</summary>
public static class RunFiles
{
    /// <summary>history.csv: epoch, train_loss, val_loss (empty without validation), the main metric, and lr, the
    /// learning rate of the epoch (empty when not known).</summary>
    public static string HistoryCsv(TrainingResult training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var metric = training.History.Count > 0 ? training.History[0].MetricName : "metric";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"epoch,train_loss,val_loss,{metric},lr\n");
        foreach (var e in training.History)
        {
            var val = e.ValidationLoss is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
            var lr = double.IsNaN(e.LearningRate) ? string.Empty
                : e.LearningRate.ToString("R", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"{e.Epoch},{e.TrainLoss:R},{val},{e.Metric:R},{lr}\n");
        }

        return sb.ToString();
    }

    /// <summary>restarts.csv: one line per restart of a multi-start: restart (its index), seed, epochs (run),
    /// best_epoch (the one whose weights it kept), train_loss_at_best and val_loss_at_best (both of that epoch;
    /// empty when not known), score, diverged, and kept (whether it is the restart the run kept: position
    /// <paramref name="best"/>).</summary>
    public static string RestartsCsv(IReadOnlyList<RestartSummary> restarts, int best)
    {
        ArgumentNullException.ThrowIfNull(restarts);
        var sb = new StringBuilder(
            "restart,seed,epochs,best_epoch,train_loss_at_best,val_loss_at_best,score,diverged,kept\n");
        for (var i = 0; i < restarts.Count; i++)
        {
            var r = restarts[i];
            sb.Append(CultureInfo.InvariantCulture,
                $"{r.Index},{r.Seed},{r.Epochs},{r.BestEpoch},{Cell(r.TrainLossAtBest)},")
                .Append(CultureInfo.InvariantCulture, $"{Cell(r.ValidationLossAtBest)},")
                .Append(CultureInfo.InvariantCulture, $"{r.Score:R},{Flag(r.Diverged)},{Flag(i == best)}\n");
        }

        return sb.ToString();
    }

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Cell(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>
    /// The run summary as one JSON object (see <see cref="WriteSummary"/>): indented for metrics.json, on one
    /// line for <c>train --json</c>.
    /// </summary>
    public static string SummaryJson(RunResult result, bool indented)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Json(w => WriteSummary(w, result), indented);
    }

    /// <summary>A JSON object of metric values by name (non-finite values as null), on one line; with
    /// <paramref name="redshiftBins"/>, also <c>redshift_bins</c> (see <see cref="RedshiftBinTable.WriteJson"/>).
    /// </summary>
    public static string MetricsJson(IReadOnlyDictionary<string, double> metrics,
        RedshiftBinTable? redshiftBins = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return Json(w =>
        {
            // The bins first: their names repeat the metrics' (bias, sigma_nmad), and a line-oriented reader that
            // takes the last "sigma_nmad" (bench/photoz/run.sh's sed) then still finds the metric of all the rows.
            if (redshiftBins is not null)
            {
                w.WritePropertyName("redshift_bins");
                redshiftBins.WriteJson(w);
            }

            WriteMetricValues(w, metrics);
        }, indented: false);
    }

    /// <summary>
    /// The summary fields shared by metrics.json and <c>train --json</c>: task, loss, reduction, metrics (test),
    /// validation_metrics, redshift_bins (a redshift target's metrics per bin of true z, on the test rows, else the
    /// validation rows; see <see cref="RedshiftBinTable.WriteJson"/>), confusion_matrix, classes, split, epochs,
    /// best_epoch, stopped_early, steps,
    /// train_seconds (the optimisation loop alone), eval_seconds (per-epoch scoring), fit_seconds (both),
    /// captured_steps, peak_memory_mib (the process's peak resident memory), restart, optimizer, learning_rate,
    /// weight_decay, schedule, clip_grad_norm and clipped_steps (with --clip-grad-norm) and run_dir.
    /// </summary>
    public static void WriteSummary(Utf8JsonWriter w, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        var card = result.Model.Card;
        w.WriteString("task", card.Task);
        w.WriteString("target", card.Target);
        if (card.Targets is { } targets)
        {
            w.WriteStartArray("targets");
            foreach (var t in targets)
            {
                w.WriteStringValue(t);
            }

            w.WriteEndArray();
        }

        w.WriteString("loss", card.Loss);
        w.WriteString("reduction", card.Reduction);
        WriteMetrics(w, "metrics", result.TestMetrics);
        WriteMetrics(w, "validation_metrics", result.ValidationMetrics);
        if (result.RedshiftBins is { } bins)
        {
            // The table printed after training: on the test rows, else the validation rows.
            w.WritePropertyName("redshift_bins");
            bins.WriteJson(w);
        }

        if (result.ConfusionMatrix is { } confusion)
        {
            w.WriteStartArray("confusion_matrix");
            foreach (var row in confusion)
            {
                w.WriteStartArray();
                foreach (var c in row)
                {
                    w.WriteNumberValue(c);
                }

                w.WriteEndArray();
            }

            w.WriteEndArray();
        }

        if (card.Classes is { } classes)
        {
            w.WriteStartArray("classes");
            foreach (var c in classes)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
        }

        w.WriteStartObject("split");
        w.WriteNumber("train", result.Data.Train.Rows);
        w.WriteNumber("validation", result.Data.Validation?.Rows ?? 0);
        w.WriteNumber("test", result.Data.Test?.Rows ?? 0);
        w.WriteEndObject();
        w.WriteNumber("epochs", result.Training.History.Count);
        w.WriteNumber("best_epoch", result.Training.BestEpoch);
        w.WriteBoolean("stopped_early", result.Training.StoppedEarly);
        w.WriteNumber("steps", result.Training.Steps);
        // train_seconds is the optimisation loop alone (what another framework's training loop does);
        // eval_seconds the per-epoch scoring on top of it; fit_seconds both.
        w.WriteNumber("train_seconds", Math.Round(result.Training.StepSeconds, 6));
        w.WriteNumber("eval_seconds", Math.Round(result.Training.TrainSeconds - result.Training.StepSeconds, 6));
        w.WriteNumber("fit_seconds", Math.Round(result.Training.TrainSeconds, 6));
        w.WriteBoolean("captured_steps", result.Training.CapturedSteps);
        w.WriteNumber("peak_memory_mib", Math.Round(result.PeakMemoryBytes / 1048576.0, 1));
        w.WriteNumber("restart", result.Model.Card.Restart);
        if (result.Model.Card.Optimizer is { } optimizer)
        {
            w.WriteString("optimizer", optimizer.Name);
            w.WriteNumber("learning_rate", optimizer.LearningRate);
            w.WriteNumber("weight_decay", optimizer.WeightDecay);
            w.WriteString("schedule", optimizer.Schedule);
        }

        // How often --clip-grad-norm scaled the gradients down (only when it was given).
        if (result.Model.Card.Optimizer?.ClipGradNorm is { } clip)
        {
            w.WriteNumber("clip_grad_norm", clip);
            w.WriteNumber("clipped_steps", result.Training.ClippedSteps);
        }

        if (result.Restarts.Count > 1)
        {
            w.WriteStartArray("restarts");
            foreach (var r in result.Restarts)
            {
                w.WriteStartObject();
                w.WriteNumber("index", r.Index);
                w.WriteNumber("seed", r.Seed);
                w.WriteNumber("epochs", r.Epochs);
                w.WriteNumber("best_epoch", r.BestEpoch);
                w.WriteFiniteOrNull("train_loss_at_best", r.TrainLossAtBest);
                w.WriteFiniteOrNull("val_loss_at_best", r.ValidationLossAtBest);
                w.WriteFiniteOrNull("score", r.Score);
                w.WriteBoolean("diverged", r.Diverged);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("best", result.BestRestart);
            w.WriteNumber("restarts_seconds", Math.Round(result.RestartSeconds, 6));
        }

        w.WriteString("run_dir", result.RunDirectory);
    }

    /// <summary>
    /// split.json: the 0-based row indices (of the table after any dropped rows) in each part, so that another
    /// tool can be scored on exactly the same rows.
    /// </summary>
    public static string SplitJson(Astrograd.Data.DataSplit split)
    {
        using var buffer = new MemoryStream();
        WriteSplitJson(buffer, split);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Writes <see cref="SplitJson"/>'s text as UTF-8 to <paramref name="stream"/>, without building it in memory
    /// first (for 5 million rows the text is about 40 MB, and a string of it twice that).
    /// </summary>
    public static void WriteSplitJson(Stream stream, Astrograd.Data.DataSplit split)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(split);
        using var w = new Utf8JsonWriter(stream);
        w.WriteStartObject();
        var parts = new[] { ("train", split.Train), ("validation", split.Validation), ("test", split.Test) };
        foreach (var (name, rows) in parts)
        {
            w.WriteStartArray(name);
            foreach (var r in rows)
            {
                w.WriteNumberValue(r);

                // Flushed now and then, so that the writer's buffer stays small.
                if (w.BytesPending > (1 << 16))
                {
                    w.Flush();
                }
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static string Json(Action<Utf8JsonWriter> writeProperties, bool indented)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            writeProperties(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteMetrics(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, double> metrics)
    {
        w.WriteStartObject(name);
        WriteMetricValues(w, metrics);
        w.WriteEndObject();
    }

    private static void WriteMetricValues(Utf8JsonWriter w, IReadOnlyDictionary<string, double> metrics)
    {
        foreach (var (k, v) in metrics)
        {
            if (double.IsFinite(v))
            {
                w.WriteNumber(k, v);
            }
            else
            {
                w.WriteNull(k);
            }
        }
    }
}
