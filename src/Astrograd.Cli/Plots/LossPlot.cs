using System.Globalization;
using Astrograd.Runs;
using Astrograd.Training;

namespace Astrograd.Cli.Plots;

/// <summary><c>loss.png</c>, <c>loss.svg</c>: the training and validation loss per epoch.</summary>
internal static class LossPlot
{
    public const string Stem = "loss";

    // Beyond this many epochs point markers only clutter the lines.
    private const int MarkedEpochs = 60;

    public static IReadOnlyList<string> Write(string folder, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var training = result.Training;
        var epochs = training.History.Select(e => (double)e.Epoch).ToArray();
        var curves = new List<LineCurve>
        {
            new("train", epochs, [.. training.History.Select(e => e.TrainLoss)])
            {
                Diverged = training.Divergence is not null,
            },
        };
        if (training.History.Any(e => e.ValidationLoss is not null))
        {
            curves.Add(new LineCurve("validation", epochs,
                [.. training.History.Select(e => e.ValidationLoss ?? double.NaN)]));
        }

        var card = result.Model.Card;
        var spec = new LinePlotSpec("Loss per epoch", "epoch", $"loss ({LossName(card.Loss)}, {card.Reduction})")
        {
            LogY = LogAxis.Suits(curves.SelectMany(c => c.Y)),
            IntegerX = true,
            Markers = epochs.Length <= MarkedEpochs,
            Mark = KeptEpoch(training),
        };
        return LinePlot.Write(folder, Stem, spec, curves);
    }

    /// <summary>The epoch whose weights the model keeps, as a labelled mark.</summary>
    public static (double X, string Label)? KeptEpoch(TrainingResult training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var best = training.BestEpoch;
        return best > 0 ? (best, string.Create(CultureInfo.InvariantCulture, $"weights kept: epoch {best}")) : null;
    }

    /// <summary>The loss as people write it: "bce" → "BCE".</summary>
    public static string LossName(string loss) => loss switch
    {
        "bce" => "BCE",
        "ce" => "cross-entropy",
        "l1" => "L1",
        "l2" => "L2",
        "huber" => "Huber",
        _ => loss,
    };
}
