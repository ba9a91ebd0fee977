using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Astrograd.Cli.Configuration;
using Astrograd.Cli.Plots;
using Astrograd.Cli.Rendering;
using Astrograd.Cli.Reports;
using Astrograd.IO;
using Astrograd.Runs;
using Spectre.Console;

namespace Astrograd.Cli.Commands;

/// <summary>
/// <c>astrograd search</c>: trains one network per combination of hidden layers, activation, learning rate and
/// batch size (all of them with <c>--grid</c>, or a seeded draw of N with <c>--random N</c>), each with the
/// multi-start of <c>--restarts</c>, ranks them by validation loss and keeps the best as a run directory.
/// </summary>
internal sealed class SearchCommand : ICliCommand
{
    public const string Name = "search";

    public Command Create(CliOutput output)
    {
        var defaults = new RunConfig();
        var run = new RunOptions(withLearningRate: true, withSchedule: true);
        var layersGrid = RunOptions.Text("--layers-grid",
            "Networks to try, separated by ';', each as --layers takes it, e.g. \"32;64,64;128,64\" " +
            "(default: --layers).", "LIST");
        var activations = RunOptions.Text("--activations",
            "Hidden activations to try, comma-separated, e.g. tanh,relu (default: --activation).", "LIST");
        var lrs = RunOptions.Text("--lrs", "Learning rates to try, comma-separated, e.g. 1e-3,1e-2 (default: --lr).",
            "LIST");
        var batches = RunOptions.Text("--batches",
            "Batch sizes to try, comma-separated, e.g. 32,64 (default: --batch).", "LIST");
        var grid = new Option<bool>("--grid") { Description = "Try every combination (the default)." };
        var random = new Option<int?>("--random")
        {
            Description = "Try N combinations drawn at random (seeded by --seed) instead of all of them.",
            HelpName = "N",
        };
        random.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }

            result.AddError($"--random: expected a whole number of trials, got '{text}'");
            return null;
        };
        var restarts = OptionParsing.WholeNumber("--restarts",
            "Multi-start inside each trial: train K networks from different starts and keep the best.",
            defaults.Restarts);
        var outDir = RunOptions.Text("--out",
            "Folder to create for search.csv and the best trial's run directory, best/ (default: runs/<time>).",
            "DIR");
        var json = new Option<bool>("--json") { Description = "Print one JSON summary on stdout." };
        var noPlots = new Option<bool>("--no-plots") { Description = "Write no plots for the best trial." };

        var command = new Command(Name, "Search hyperparameters (layers, activation, learning rate, batch size) " +
            "by grid or random draw, rank the trials by validation loss and keep the best model.");
        foreach (var option in run.All.Concat([layersGrid, activations, lrs, batches, grid, random, restarts, outDir,
            json, noPlots]))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            Refuse(parse, ("--layers", "--layers-grid"), ("--activation", "--activations"), ("--lr", "--lrs"),
                ("--batch", "--batches"));
            var config = run.Config(parse) with { Restarts = parse.GetValue(restarts) };
            var space = new SearchSpace
            {
                Layers = SearchLists.LayersGrid(parse.GetValue(layersGrid)) ?? [config.Layers],
                Activations = SearchLists.Activations(parse.GetValue(activations)) ?? [config.Activation],
                LearningRates = SearchLists.Numbers("--lrs", parse.GetValue(lrs)) ?? [config.LearningRate],
                BatchSizes = SearchLists.WholeNumbers("--batches", parse.GetValue(batches)) ?? [config.BatchSize],
            };
            var draw = parse.GetValue(random);
            if (draw is not null && parse.GetValue(grid))
            {
                throw new CliUsageException("--random: tries N combinations instead of --grid's all; give one of them");
            }

            return Run(output, parse, config, space, draw, parse.GetValue(run.Hdu), parse.GetValue(outDir),
                parse.GetValue(json), !parse.GetValue(noPlots));
        });
        return command;
    }

    private static int Run(CliOutput output, ParseResult parse, RunConfig config, SearchSpace space, int? draw,
        string? hdu, string? outDir, bool json, bool plots)
    {
        // Options, the trials and the output folder first: cheap refusals before the table is read.
        config.Validate();
        var trials = draw is { } n ? space.Random(n, config.Seed) : space.Grid();
        foreach (var t in trials)
        {
            t.Apply(config).Validate();
        }

        var folder = outDir ?? RunFolder.DefaultFor(DateTime.UtcNow);
        RunLock.ThrowIfHeld(folder);
        RunFolder.CheckFree(folder);

        // From here on Ctrl-C and SIGTERM stop the search and write nothing (exit 130 or 143).
        using var interruption = Interruption.WatchToCancel(output.Stderr, Name, folder);
        var done = 0;
        try
        {
            return Search(output, parse, (config, trials, draw is null ? "grid" : "random"), (hdu, folder),
                (json, plots), interruption, () => Interlocked.Increment(ref done));
        }
        catch (OperationCanceledException) when (interruption.Cancellation.IsCancellationRequested)
        {
            var finished = Volatile.Read(ref done);
            var stage = finished < trials.Count ? string.Empty : ", while training the best one again";
            output.Stderr.WriteLine(interruption.StoppedLine(
                Invariant($"the search after {finished} of {trials.Count} trials{stage}")));
            return interruption.ExitCode;
        }
    }

    // Reads the table, runs the trials, trains the best one again and writes the output folder, whole.
    private static int Search(CliOutput output, ParseResult parse,
        (RunConfig Config, IReadOnlyList<TrialParameters> Trials, string Mode) search, (string? Hdu, string Folder) io,
        (bool Json, bool Plots) show, Interruption interruption, Func<int> trialDone)
    {
        var (config, trials, mode) = search;
        var (hdu, folder) = io;
        var (json, plots) = show;
        var origin = new DataOrigin();
        var (table, source, defaultTarget) = RunOptions.Load(output, config, hdu, Name, origin: origin);
        config = config with { Hdu = origin.Hdu };
        interruption.Cancellation.ThrowIfCancellationRequested();

        // best/ is a run directory like train's: config.toml (the train options of the best trial), plots and the
        // report go into its temporary folder.
        IReadOnlyList<string>? plotFiles = null;
        string? plotProblem = null;
        TrialSummary? best = null;
        Action<RunResult, string> writeExtras = (r, temp) =>
        {
            var toml = TrialConfig.Toml(parse, best!.Parameters, r.RunDirectory, output);
            AtomicFile.WriteAllText(Path.Combine(temp, ResolvedConfig.FileName), toml);
            if (plots)
            {
                (plotFiles, plotProblem) = RunPlots.TryWrite(r, temp);
            }

            RunReport.Write(r, temp, source, toml, plotFiles ?? []);
        };

        var progress = json ? output.Stderr : output.Stdout;
        var gate = new Lock();
        var result = HyperparameterSearch.Run(table, config, trials, folder, defaultTarget,
            data => progress.WriteLine(Invariant(
                $"{source}: {data.Train.Rows} training rows, {trials.Count} trials × {config.Restarts} restarts")),
            t =>
            {
                // Trials finish on worker threads.
                lock (gate)
                {
                    var done = trialDone();
                    progress.WriteLine(Invariant($"trial {t.Index} done ({done}/{trials.Count}): ") +
                        $"{Describe(t.Parameters)}: {ScoreName(t)} {NumberText.Format(t.Score)}, " +
                        Invariant($"{t.Epochs} epochs, {t.Seconds:F1} s"));
                }
            },
            writeExtras, onBest: t => best = t, cancellation: interruption.Cancellation, stop: interruption.Stop);

        foreach (var warning in plotProblem is null ? result.BestRun.Warnings : [.. result.BestRun.Warnings,
            plotProblem])
        {
            output.Warn(Name, warning);
        }

        if (json)
        {
            output.Stdout.WriteLine(SearchFiles.SummaryJson(result, mode, folder));
            return ExitCodes.Ok;
        }

        Render(output.Console, result, mode);
        output.Console.WriteLine($"run directory of the best trial: {result.BestRun.RunDirectory}", Style.Plain);
        if (plotFiles is { Count: > 0 })
        {
            output.Console.WriteLine($"plots: {TrainSummary.PlotList(plotFiles)}", Style.Plain);
        }

        output.Console.WriteLine($"wrote {HyperparameterSearch.TableFile} to {folder}", Style.Plain);
        return ExitCodes.Ok;
    }

    private static void Render(IAnsiConsole console, SearchResult result, string mode)
    {
        var validation = result.Trials.Any(t => t.ValidationLoss is not null);
        var metric = result.Trials[0].MetricName;
        // Minimal borders keep the eight columns inside an 80-column terminal (seconds are in search.csv).
        var table = new Table().Border(TableBorder.Minimal)
            .Title(Invariant($"{mode} search: {result.Trials.Count} trials, best first ") +
                (validation ? "(by validation loss)" : "(by training loss: no validation rows)"))
            .AddColumn(new TableColumn("trial").RightAligned()).AddColumn("layers").AddColumn("activation")
            .AddColumn(new TableColumn("λ").RightAligned()).AddColumn(new TableColumn("batch").RightAligned())
            .AddColumn(new TableColumn(validation ? "val loss" : "loss").RightAligned())
            .AddColumn(new TableColumn(metric).RightAligned()).AddColumn(new TableColumn("epochs").RightAligned());
        foreach (var t in result.Ranked)
        {
            table.AddRow(Invariant($"{t.Index}"), t.Parameters.LayersText, t.Parameters.Activation.ToName(),
                Num(t.Parameters.LearningRate), Invariant($"{t.Parameters.BatchSize}"),
                double.IsFinite(t.Score) ? Invariant($"{t.Score:F4}") : "diverged",
                NumberText.Metric(metric, t.Metric), Invariant($"{t.Epochs}"));
        }

        console.Write(table);
        var diverged = result.Trials.Count(t => t.Diverged);
        if (diverged > 0)
        {
            console.WriteLine(Invariant($"{diverged} of {result.Trials.Count} trials diverged (loss NaN or infinite)"),
                Style.Plain);
        }

        var top = result.Trials[result.Best];
        console.WriteLine($"best: trial {top.Index} ({Describe(top.Parameters)})", Style.Plain);
    }

    // A --x given together with its list --xs is ambiguous: which one should the search use?
    private static void Refuse(ParseResult parse, params (string Single, string List)[] pairs)
    {
        var given = parse.Tokens.Where(t => t.Type == TokenType.Option).Select(t => t.Value).ToHashSet();
        foreach (var (single, list) in pairs)
        {
            if (given.Contains(single) && given.Contains(list))
            {
                throw new CliUsageException(
                    $"{list}: lists the values to try, {single} fixes one; give one of them");
            }
        }
    }

    private static string Describe(TrialParameters p) =>
        $"layers {p.LayersText}, {p.Activation.ToName()}, λ {Num(p.LearningRate)}, batch " +
        p.BatchSize.ToString(CultureInfo.InvariantCulture);

    private static string ScoreName(TrialSummary t) => t.ValidationLoss is null ? "train loss" : "val loss";

    private static string Num(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
