using System.Globalization;
using System.Text;
using System.Text.Json;
using Astrograd.IO;
using Astrograd.Optim;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>
/// The <c>state</c> metadata of a <see cref="Checkpoint"/>: a <see cref="TrainerState{T}"/> without its weight
/// arrays (those are tensors of the file) as JSON. Doubles are written as round-trip text ("R"), so that NaN,
/// ±∞ and every last bit come back; 64-bit words of the random streams as JSON integers.
/// </summary>
internal static class CheckpointState
{
    public static string ToJson(TrainerState<float> state)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("epochs_done", state.EpochsDone);
            w.WriteNumber("steps_done", state.StepsDone);
            w.WriteString("partial_loss_sum", D(state.PartialLossSum));
            WriteRng(w, "shuffle_rng", state.ShuffleRng);
            w.WriteStartArray("dropout_rngs");
            foreach (var rng in state.DropoutRngs)
            {
                WriteRng(w, null, rng);
            }

            w.WriteEndArray();
            w.WriteNumber("parameters", state.Weights.Count);
            w.WriteString("best_loss", D(state.BestLoss));
            w.WriteNumber("best_epoch", state.BestEpoch);
            w.WriteNumber("since_best", state.SinceBest);
            w.WriteString("elapsed_seconds", D(state.ElapsedSeconds));
            w.WriteString("step_seconds", D(state.StepSeconds));
            w.WriteString("optimizer", state.Optimizer.Optimizer);
            WriteNumbers(w, "optimizer_scalars", state.Optimizer.Scalars);
            w.WriteStartArray("optimizer_tensors");
            foreach (var key in state.Optimizer.Tensors.Keys)
            {
                w.WriteStringValue(key);
            }

            w.WriteEndArray();
            WriteNumbers(w, "plan", state.Plan);
            w.WriteStartArray("history");
            foreach (var e in state.History)
            {
                w.WriteStartObject();
                w.WriteNumber("epoch", e.Epoch);
                w.WriteNumber("epochs", e.Epochs);
                w.WriteString("train_loss", D(e.TrainLoss));
                w.WriteString("val_loss", e.ValidationLoss is { } v ? D(v) : null);
                w.WriteString("metric_name", e.MetricName);
                w.WriteString("metric", D(e.Metric));
                w.WriteBoolean("is_best", e.IsBest);
                w.WriteString("elapsed_seconds", D(e.ElapsedSeconds));
                w.WriteString("learning_rate", D(e.LearningRate));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <exception cref="FormatException">A field is missing or malformed.</exception>
    /// <exception cref="KeyNotFoundException">A tensor the state names is missing.</exception>
    public static TrainerState<float> FromJson(string json, IReadOnlyDictionary<string, SafetensorsTensor> tensors)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        var count = r.GetProperty("parameters").GetInt32();

        // Two tensors per parameter: a forged count must fail here, not size an array of references first.
        if (count < 0 || count > tensors.Count / 2)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"'parameters' is {count}, but the file holds {tensors.Count} tensors"));
        }

        var weights = new float[count][];
        var best = new float[count][];
        for (var i = 0; i < count; i++)
        {
            weights[i] = Tensor(tensors, Checkpoint.Key("weights", i)).ToSingleArray();
            best[i] = Tensor(tensors, Checkpoint.Key("best", i)).ToSingleArray();
        }

        var optimizerTensors = new Dictionary<string, Tensor<float>>(StringComparer.Ordinal);
        foreach (var key in r.GetProperty("optimizer_tensors").EnumerateArray().Select(k => k.GetString()!))
        {
            var t = Tensor(tensors, "optimizer." + key);
            optimizerTensors[key] = new Tensor<float>(new Shape([.. t.Shape]), t.ToSingleArray());
        }

        var state = new TrainerState<float>
        {
            EpochsDone = r.GetProperty("epochs_done").GetInt32(),
            StepsDone = r.GetProperty("steps_done").GetInt32(),
            PartialLossSum = D(r, "partial_loss_sum"),
            ShuffleRng = ReadRng(r.GetProperty("shuffle_rng")),
            DropoutRngs = [.. r.GetProperty("dropout_rngs").EnumerateArray().Select(ReadRng)],
            Weights = weights,
            BestWeights = best,
            BestLoss = D(r, "best_loss"),
            BestEpoch = r.GetProperty("best_epoch").GetInt32(),
            SinceBest = r.GetProperty("since_best").GetInt32(),
            ElapsedSeconds = D(r, "elapsed_seconds"),
            StepSeconds = D(r, "step_seconds"),
            Optimizer = new OptimizerState<float>(
                r.GetProperty("optimizer").GetString() ?? throw new FormatException("'optimizer' is null"),
                ReadNumbers(r.GetProperty("optimizer_scalars")), optimizerTensors),
            Plan = ReadNumbers(r.GetProperty("plan")),
            History = [.. r.GetProperty("history").EnumerateArray().Select(ReadReport)],
        };
        CheckPosition(state);
        return state;
    }

    // Where training stood must be a place it can have stood: a forged position would resume nowhere (skip every
    // step) or write a history that never happened.
    private static void CheckPosition(TrainerState<float> s)
    {
        var fault = (s.EpochsDone, s.StepsDone, s.BestEpoch, s.SinceBest) switch
        {
            var (e, k, _, _) when e < 0 || k < 0 => I($"epochs_done {e} and steps_done {k} must be >= 0"),
            var (e, _, _, _) when s.History.Count != e =>
                I($"the history holds {s.History.Count} epochs, epochs_done is {e}"),
            var (e, _, b, n) when b < 0 || b > e || n < 0 || n > e =>
                I($"best_epoch {b} and since_best {n} must lie in [0, {e}]"),
            _ when s.Weights.Zip(s.BestWeights).Any(p => p.First.Length != p.Second.Length) =>
                "the best weights and the weights differ in size",
            _ when !double.IsFinite(s.PartialLossSum) || !(s.ElapsedSeconds >= 0) || !(s.StepSeconds >= 0) =>
                "partial_loss_sum must be finite and the seconds >= 0",
            _ => null,
        };
        if (fault is not null)
        {
            throw new FormatException(fault);
        }
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);

    private static SafetensorsTensor Tensor(IReadOnlyDictionary<string, SafetensorsTensor> tensors, string name) =>
        tensors.TryGetValue(name, out var t) ? t : throw new FormatException($"tensor '{name}' is missing");

    private static EpochReport ReadReport(JsonElement e) => new(e.GetProperty("epoch").GetInt32(),
        e.GetProperty("epochs").GetInt32(), D(e, "train_loss"),
        e.GetProperty("val_loss").ValueKind == JsonValueKind.Null ? null : D(e, "val_loss"),
        e.GetProperty("metric_name").GetString() ?? throw new FormatException("a metric_name is null"),
        D(e, "metric"), e.GetProperty("is_best").GetBoolean(), D(e, "elapsed_seconds"))
    {
        // Checkpoints written before the rate was recorded hold none.
        LearningRate = e.TryGetProperty("learning_rate", out _) ? D(e, "learning_rate") : double.NaN,
    };

    private static void WriteRng(Utf8JsonWriter w, string? name, RngState s)
    {
        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteNumber("s0", s.S0);
        w.WriteNumber("s1", s.S1);
        w.WriteNumber("s2", s.S2);
        w.WriteNumber("s3", s.S3);
        w.WriteBoolean("has_spare_normal", s.HasSpareNormal);
        w.WriteString("spare_normal", D(s.SpareNormal));
        w.WriteEndObject();
    }

    private static RngState ReadRng(JsonElement e) => new(e.GetProperty("s0").GetUInt64(),
        e.GetProperty("s1").GetUInt64(), e.GetProperty("s2").GetUInt64(), e.GetProperty("s3").GetUInt64(),
        e.GetProperty("has_spare_normal").GetBoolean(), D(e, "spare_normal"));

    private static void WriteNumbers(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, double> values)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteString(key, D(value));
        }

        w.WriteEndObject();
    }

    private static Dictionary<string, double> ReadNumbers(JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => Parse(p.Value.GetString()), StringComparer.Ordinal);

    private static string D(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double D(JsonElement e, string name) => Parse(e.GetProperty(name).GetString());

    private static double Parse(string? text) =>
        double.Parse(text ?? throw new FormatException("a number is null"), NumberStyles.Float,
            CultureInfo.InvariantCulture);
}
