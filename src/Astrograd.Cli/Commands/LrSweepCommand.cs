using System.CommandLine;
using System.Globalization;
using Astrograd.Cli.Plots;
using Astrograd.Cli.Rendering;
using Astrograd.IO;
using Astrograd.Runs;
using Astrograd.Training;
using Spectre.Console;

namespace Astrograd.Cli.Commands;

/// <summary>
/// <c>astrograd lr-sweep</c>: the same network from the same start trained with several learning rates, loss
/// against epoch per rate; or, with <c>--range-test</c>, one pass with the rate growing every step, loss against
/// rate, and a suggested rate.
/// </summary>
internal sealed class LrSweepCommand : ICliCommand
{
    public const string Name = "lr-sweep";

    // Six decades: on the embedded HTRU2 the first crawls, the middle ones converge and the last diverges.
    private static readonly double[] _defaultRates = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10];

    public Command Create(CliOutput output)
    {
        var run = new RunOptions(withLearningRate: false, withSchedule: false, patience: 0);
        var lrs = RunOptions.Text("--lrs",
            "Learning rates to try, comma-separated (default: 1e-4,1e-3,1e-2,1e-1,1,10).", "LIST");
        var range = RunOptions.Text("--lr-range",
            "Learning rates MIN:MAX:N, N values log-spaced from MIN to MAX (instead of --lrs).", "MIN:MAX:N");
        var rangeTest = new Option<bool>("--range-test")
        {
            Description = "One pass with λ grown geometrically per step from --min-lr to --max-lr; plots loss " +
                "against λ and suggests a tenth of the λ at the smoothed loss's minimum.",
        };
        var minLr = OptionParsing.Number("--min-lr", "First λ of the range test.", 1e-5);
        var maxLr = OptionParsing.Number("--max-lr", "Last λ of the range test.", 10);
        var outDir = RunOptions.Text("--out", "Folder to create for the plots and CSV (default: runs/<time>).", "DIR");
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout." };

        var command = new Command(Name, "Train the same start with several learning rates (or run a range test) " +
            "and plot loss against epoch (or against λ).");
        foreach (var option in run.All.Concat([lrs, range, rangeTest, minLr, maxLr, outDir, json]))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var config = run.Config(parse);
            var folder = parse.GetValue(outDir) ?? RunFolder.DefaultFor(DateTime.UtcNow);
            var hdu = parse.GetValue(run.Hdu);
            if (parse.GetValue(rangeTest))
            {
                if (parse.GetValue(lrs) is not null || parse.GetValue(range) is not null)
                {
                    throw new CliUsageException("--range-test: chooses its own rates from --min-lr to --max-lr; " +
                        "leave out --lrs and --lr-range");
                }

                return RangeTest(output, config, hdu, parse.GetValue(minLr), parse.GetValue(maxLr), folder,
                    parse.GetValue(json));
            }

            var rates = Rates(parse.GetValue(lrs), parse.GetValue(range));
            return Sweep(output, config, hdu, rates, folder, parse.GetValue(json));
        });
        return command;
    }

    private static int Sweep(CliOutput output, RunConfig config, string? hdu, IReadOnlyList<double> rates,
        string folder, bool json)
    {
        foreach (var c in rates.Select(lr => config with { LearningRate = lr }))
        {
            try
            {
                c.Validate();
            }
            catch (RunConfigException e) when (e.Option == "--lr")
            {
                // The rates come from --lrs or --lr-range here: name the option the user gave.
                throw new RunConfigException("--lrs", e.Message["--lr: ".Length..]);
            }
        }

        // From here on Ctrl-C and SIGTERM stop the sweep and write nothing (exit 130 or 143).
        using var interruption = Interruption.WatchToCancel(output.Stderr, Name, folder);
        var done = 0;
        IReadOnlyList<SweepRun> runs;
        string? lossName;
        try
        {
            using var claim = RunLock.Acquire(folder);
            RunFolder.CheckFree(folder);
            var (table, source, defaultTarget) = RunOptions.Load(output, config, hdu, Name);
            interruption.Cancellation.ThrowIfCancellationRequested();
            lossName = config.Loss?.ToName();
            var progress = json ? output.Stderr : output.Stdout;
            runs = LearningRateSweep.Sweep(table, config, rates, defaultTarget,
                data =>
                {
                    lossName ??= DefaultLoss(data.Task);
                    progress.WriteLine(Invariant($"{source}: {data.Train.Rows} training rows, {rates.Count} rates"));
                },
                r =>
                {
                    Interlocked.Increment(ref done);
                    Report(progress, r);
                },
                interruption.Cancellation);

            RunFolder.WriteComplete(folder, temp =>
            {
                Directory.CreateDirectory(temp);
                AtomicFile.WriteAllText(Path.Combine(temp, "sweep.csv"), SweepFiles.SweepCsv(runs));
                SweepPlots.WriteSweep(temp, runs, lossName!);
            }, interruption.Stop);
        }
        catch (OperationCanceledException) when (interruption.Cancellation.IsCancellationRequested)
        {
            output.Stderr.WriteLine(interruption.StoppedLine(
                Invariant($"the learning-rate sweep after {Volatile.Read(ref done)} of {rates.Count} rates")));
            return interruption.ExitCode;
        }

        if (json)
        {
            output.Stdout.WriteLine(SweepFiles.SweepJson(runs, folder));
            return ExitCodes.Ok;
        }

        var loss = runs.Any(r => r.Training.History.Any(e => e.ValidationLoss is not null)) ? "validation" : "train";
        var summary = new Table().Title($"learning-rate sweep ({loss} loss)").AddColumn("λ")
            .AddColumn(new TableColumn("final loss").RightAligned())
            .AddColumn(new TableColumn("best loss").RightAligned())
            .AddColumn(new TableColumn("epochs").RightAligned()).AddColumn("diverged?");
        foreach (var r in runs)
        {
            summary.AddRow(Num(r.LearningRate), NumberText.Format(r.FinalLoss), NumberText.Format(r.BestLoss),
                Invariant($"{r.Training.History.Count}"), Diverged(r));
        }

        output.Console.Write(summary);
        var good = runs.Where(r => !r.Diverged && double.IsFinite(r.BestLoss)).MinBy(r => r.BestLoss);
        if (good is not null)
        {
            output.Console.WriteLine(Invariant($"lowest loss: λ = {Num(good.LearningRate)}"));
        }

        output.Console.WriteLine(Invariant($"wrote sweep.png, sweep.svg, sweep.csv to {folder}"));
        return ExitCodes.Ok;
    }

    private static int RangeTest(CliOutput output, RunConfig config, string? hdu, double minLr, double maxLr,
        string folder, bool json)
    {
        config.Validate();
        using var interruption = Interruption.WatchToCancel(output.Stderr, Name, folder);
        RangeTestResult result;
        string source;
        try
        {
            using var claim = RunLock.Acquire(folder);
            RunFolder.CheckFree(folder);
            (var table, source, var defaultTarget) = RunOptions.Load(output, config, hdu, Name);
            interruption.Cancellation.ThrowIfCancellationRequested();
            var lossName = config.Loss?.ToName();
            result = LearningRateSweep.RangeTest(table, config, minLr, maxLr, defaultTarget,
                data => lossName ??= DefaultLoss(data.Task), interruption.Cancellation);

            var range = result;
            RunFolder.WriteComplete(folder, temp =>
            {
                Directory.CreateDirectory(temp);
                AtomicFile.WriteAllText(Path.Combine(temp, "range.csv"), SweepFiles.RangeCsv(range));
                SweepPlots.WriteRange(temp, range, lossName!);
            }, interruption.Stop);
        }
        catch (OperationCanceledException) when (interruption.Cancellation.IsCancellationRequested)
        {
            output.Stderr.WriteLine(interruption.StoppedLine("the learning-rate range test"));
            return interruption.ExitCode;
        }

        if (json)
        {
            output.Stdout.WriteLine(SweepFiles.RangeJson(result, minLr, maxLr, folder));
            return ExitCodes.Ok;
        }

        var text = new Table().Title($"learning-rate range test ({source})").AddColumn("item").AddColumn("value");
        text.AddRow("steps", Invariant($"{result.Points.Count}, λ from {Num(minLr)} to {Num(maxLr)}"));
        text.AddRow("λ at the smoothed minimum", Num(result.MinimumLearningRate));
        text.AddRow("suggested λ (a tenth of it)", Num(result.SuggestedLearningRate));
        text.AddRow("diverged?", result.Divergence is { } d ? Invariant($"yes, at λ = {Num(d.LearningRate)}") : "no");
        output.Console.Write(text);
        output.Console.WriteLine(Invariant($"wrote range.png, range.svg, range.csv to {folder}"));
        return ExitCodes.Ok;
    }

    private static string Diverged(SweepRun r) => r switch
    {
        { Training.Divergence: { } d } => Invariant($"yes: loss {d.Loss} at epoch {d.Epoch}, step {d.Step}"),
        { DivergedEpoch: { } e } => Invariant(
            $"yes: loss > {SweepRun.DivergenceFactor}× the start's {NumberText.Format(r.InitialLoss)} at epoch {e}"),
        _ => "no",
    };

    private static void Report(TextWriter progress, SweepRun r)
    {
        // Runs finish on worker threads; one line each, written whole.
        var count = r.Training.History.Count;
        var epochs = Invariant($"{count} epoch{(count == 1 ? "" : "s")}");
        var line = r.DivergedEpoch is { } at
            ? Invariant($"λ = {Num(r.LearningRate)}: diverged at epoch {at} ({epochs} run)")
            : Invariant($"λ = {Num(r.LearningRate)}: done after {epochs}");
        lock (progress)
        {
            progress.WriteLine(line);
        }
    }

    /// <summary>The rates of --lrs or --lr-range (not both), else the default decades.</summary>
    internal static IReadOnlyList<double> Rates(string? list, string? range)
    {
        if (list is not null && range is not null)
        {
            throw new CliUsageException("--lrs: give either --lrs or --lr-range, not both");
        }

        if (range is not null)
        {
            var parts = range.Split(':', StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || !TryNumber(parts[0], out var min) || !TryNumber(parts[1], out var max)
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                || !(min > 0) || !(max > min) || !double.IsFinite(max) || n < 2 || n > 100)
            {
                throw new CliUsageException($"--lr-range: expected MIN:MAX:N with 0 < MIN < MAX and N from 2 to " +
                    $"100, e.g. 1e-5:1:7; got '{range}'");
            }

            return [.. Enumerable.Range(0, n).Select(i => min * Math.Pow(max / min, i / (double)(n - 1)))];
        }

        if (list is null)
        {
            return _defaultRates;
        }

        var rates = new List<double>();
        foreach (var part in list.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!TryNumber(part, out var lr) || !(lr > 0) || !double.IsFinite(lr))
            {
                throw new CliUsageException(
                    $"--lrs: '{part}' is not a learning rate; expected comma-separated numbers > 0, e.g. 1e-3,1e-2");
            }

            rates.Add(lr);
        }

        return rates;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static string DefaultLoss(TaskKind task) => task switch
    {
        TaskKind.Binary => "bce",
        TaskKind.Multiclass => "ce",
        _ => "l2",
    };

    private static string Num(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
