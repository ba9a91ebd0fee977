using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Astrograd.Runs;

/// <summary>The text of a hyperparameter search: <c>search.csv</c> and the <c>search --json</c> summary.
/// Non-finite numbers are empty cells in CSV and null in JSON.</summary>
public static class SearchFiles
{
    /// <summary>search.csv: one line per trial, best first (by score, ties in search order, diverged trials
    /// last): trial (its index in the search), layers (quoted, "64,64"; "0" for none), activation, lr, batch,
    /// val_loss, score, metric (its name), metric_value, epochs, best_restart, diverged, seconds.</summary>
    public static string TableCsv(IReadOnlyList<TrialSummary> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var sb = new StringBuilder(
            "trial,layers,activation,lr,batch,val_loss,score,metric,metric_value,epochs,best_restart,diverged," +
            "seconds\n");
        foreach (var t in trials.OrderBy(t => t.Score).ThenBy(t => t.Index))
        {
            var p = t.Parameters;
            sb.Append(CultureInfo.InvariantCulture, $"{t.Index},\"{p.LayersText}\",{p.Activation.ToName()},")
                .Append(CultureInfo.InvariantCulture, $"{p.LearningRate:R},{p.BatchSize},{Cell(t.ValidationLoss)},")
                .Append(CultureInfo.InvariantCulture, $"{Cell(t.Score)},{t.MetricName},{Cell(t.Metric)},{t.Epochs},")
                .Append(CultureInfo.InvariantCulture, $"{t.BestRestart},{(t.Diverged ? "true" : "false")},")
                .Append(CultureInfo.InvariantCulture, $"{Math.Round(t.Seconds, 3):R}\n");
        }

        return sb.ToString();
    }

    /// <summary>The search as one JSON object: kind, mode, trials (each with trial, layers, activation, lr, batch,
    /// val_loss, score, metric, metric_value, epochs, best_restart, diverged, seconds), best (the best trial's
    /// index), best_run (its run summary, as <c>train --json</c> prints it), seconds and out_dir.</summary>
    public static string SummaryJson(SearchResult result, string mode, string outDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("kind", "search");
            w.WriteString("mode", mode);
            w.WriteStartArray("trials");
            foreach (var t in result.Trials)
            {
                WriteTrial(w, t);
            }

            w.WriteEndArray();
            w.WriteNumber("best", result.Trials[result.Best].Index);
            w.WriteStartObject("best_run");
            RunFiles.WriteSummary(w, result.BestRun);
            w.WriteEndObject();
            w.WriteNumber("seconds", Math.Round(result.Seconds, 3));
            w.WriteString("out_dir", outDirectory);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteTrial(Utf8JsonWriter w, TrialSummary t)
    {
        w.WriteStartObject();
        w.WriteNumber("trial", t.Index);
        w.WriteStartArray("layers");
        foreach (var n in t.Parameters.Layers)
        {
            w.WriteNumberValue(n);
        }

        w.WriteEndArray();
        w.WriteString("activation", t.Parameters.Activation.ToName());
        w.WriteNumber("lr", t.Parameters.LearningRate);
        w.WriteNumber("batch", t.Parameters.BatchSize);
        w.WriteFiniteOrNull("val_loss", t.ValidationLoss);
        w.WriteFiniteOrNull("score", t.Score);
        w.WriteString("metric", t.MetricName);
        w.WriteFiniteOrNull("metric_value", t.Metric);
        w.WriteNumber("epochs", t.Epochs);
        w.WriteNumber("best_restart", t.BestRestart);
        w.WriteBoolean("diverged", t.Diverged);
        w.WriteNumber("seconds", Math.Round(t.Seconds, 3));
        w.WriteEndObject();
    }

    private static string Cell(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
