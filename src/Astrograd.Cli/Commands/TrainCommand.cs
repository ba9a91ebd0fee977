using System.CommandLine;
using Astrograd.Cli.Plots;
using Astrograd.Cli.Rendering;
using Astrograd.Data;
using Astrograd.Runs;

using Spectre.Console;

namespace Astrograd.Cli.Commands;

/// <summary>
/// <c>astrograd train</c>: the main job. Trains an MLP on a table (the embedded HTRU2 pulsar table when no
/// file is given), shows progress, scores the test split and writes the run directory.
/// </summary>
internal sealed class TrainCommand : ICliCommand
{
    public const string Name = "train";

    public Command Create(CliOutput output)
    {
        var defaults = new RunConfig();
        var data = Text("--data", "CSV or FITS table to train on (default: the embedded HTRU2 table).", "FILE");
        var hdu = ModelInputs.Hdu();
        var dataset = new Option<string>("--dataset")
        {
            Description = "Embedded table to use when no --data is given (see 'astrograd datasets').",
            DefaultValueFactory = _ => defaults.Dataset,
        };
        var target = Text("--target", "Target column, by name or 0-based index.", "COL");
        var features = Text("--features",
            "Feature columns, comma-separated names or indices (default: every other numeric column).", "COLS");
        var task = Text("--task", "binary, multiclass or regression (default: detected).");
        var layers = new Option<string>("--layers")
        {
            Description = "Neurons per hidden layer, e.g. 64,64 (0 for none: a linear model).",
            DefaultValueFactory = _ => "64,64",
        };
        var activation = new Option<string>("--activation")
        {
            Description = $"Hidden activation: {string.Join(", ", ActivationExtensions.Names)}.",
            DefaultValueFactory = _ => defaults.Activation.ToName(),
        };
        var loss = Text("--loss", "l1, l2, huber (regression), bce (binary), ce (multiclass).");
        var lr = OptionParsing.Number("--lr", "Learning rate λ.", defaults.LearningRate);
        var momentum = OptionParsing.Number("--momentum", "SGD momentum μ in [0, 1).", defaults.Momentum);
        var batch = OptionParsing.WholeNumber("--batch", "Rows per mini-batch.", defaults.BatchSize);
        var epochs = OptionParsing.WholeNumber("--epochs", "Maximum epochs.", defaults.Epochs);
        var patience = OptionParsing.WholeNumber("--patience",
            "Early stopping: epochs without a better validation loss (0 turns it off).", defaults.Patience);
        var val = OptionParsing.Number("--val", "Validation share of the rows (0: none).", defaults.Validation);
        var test = OptionParsing.Number("--test", "Test share of the rows (0: none).", defaults.Test);
        var seed = OptionParsing.Seed("--seed", "Seed of the split, weights and shuffling.", defaults.Seed);
        var dropout = OptionParsing.Number("--dropout", "Dropout after each hidden layer, in [0, 1).", 0.0);
        var dropMissing = new Option<bool>("--drop-missing")
        {
            Description = "Drop rows with NaN, Inf or empty cells instead of refusing.",
        };
        var restarts = OptionParsing.WholeNumber("--restarts",
            "Multi-start: train N networks from different random starts (in parallel) and keep the best.",
            defaults.Restarts);
        var restart = new Option<int?>("--restart")
        {
            Description = "Replay restart K of a multi-start alone (same split and start, same weights).",
            HelpName = "K",
        };
        var threads = new Option<int?>("--threads")
        {
            Description = "Cores to use (default: all).",
            HelpName = "N",
        };
        var outDir = Text("--out", "Run directory to create (default: runs/<time>).", "DIR");
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON summary on stdout; progress goes to stderr.",
        };
        var noPlots = new Option<bool>("--no-plots")
        {
            Description = "Write no plots (loss, metric, ROC, confusion, predicted vs true, residuals).",
        };

        var command = new Command(Name,
            "Train, evaluate and save a network on a table (default: embedded HTRU2 pulsars).")
        {
            data, hdu, dataset, target, features, task, layers, activation, loss, lr, momentum, batch, epochs,
            patience, val, test, seed, dropout, dropMissing, restarts, restart, threads, outDir, json, noPlots,
        };
        command.SetAction(parse =>
        {
            var config = new RunConfig
            {
                DataPath = parse.GetValue(data),
                Dataset = parse.GetValue(dataset)!,
                Target = parse.GetValue(target),
                Features = OptionParsing.Columns(parse.GetValue(features)),
                Task = OptionParsing.Task(parse.GetValue(task)),
                Layers = OptionParsing.Layers(parse.GetValue(layers)),
                Activation = OptionParsing.Activation(parse.GetValue(activation)!),
                Loss = OptionParsing.Loss(parse.GetValue(loss)),
                LearningRate = parse.GetValue(lr),
                Momentum = parse.GetValue(momentum),
                BatchSize = parse.GetValue(batch),
                Epochs = parse.GetValue(epochs),
                Patience = parse.GetValue(patience),
                Validation = parse.GetValue(val),
                Test = parse.GetValue(test),
                Seed = parse.GetValue(seed),
                Dropout = parse.GetValue(dropout),
                DropMissing = parse.GetValue(dropMissing),
                Restarts = parse.GetValue(restarts),
                Restart = parse.GetValue(restart),
                Threads = parse.GetValue(threads),
            };
            return Run(output, config, parse.GetValue(hdu), parse.GetValue(outDir), parse.GetValue(json),
                !parse.GetValue(noPlots));
        });
        return command;
    }

    private static int Run(CliOutput output, RunConfig config, string? hdu, string? outDir, bool json, bool plots)
    {
        // Options first, then the output folder, then the data: cheap refusals before the table is read.
        config.Validate();
        if (hdu is not null && config.DataPath is null)
        {
            throw new CliUsageException("--hdu: selects an HDU of a FITS --data file; give --data FILE.fits");
        }

        var runDirectory = outDir ?? RunFolder.DefaultFor(DateTime.UtcNow);
        RunFolder.CheckFree(runDirectory);
        var (table, source, defaultTarget) = Load(output, config, hdu);

        var interactive = !json && output.Console.Profile.Capabilities.Interactive;

        // Plots go into the temporary run folder, so that they appear with the rest or not at all.
        IReadOnlyList<string>? plotFiles = null;
        string? plotProblem = null;
        Action<RunResult, string>? writePlots = plots
            ? (r, folder) => (plotFiles, plotProblem) = RunPlots.TryWrite(r, folder)
            : null;

        // Redirected output gets plain lines, unwrapped, one per epoch; --json keeps stdout for the JSON.
        var progress = new TrainingProgress(output, json ? output.Stderr : interactive ? null : output.Stdout);
        RunResult result;
        if (interactive)
        {
            RunResult? done = null;
            output.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var multi = config.Restarts > 1;
                    var bar = ctx.AddTask("training", maxValue: multi ? config.Restarts : config.Epochs);
                    var finished = 0;
                    done = TrainingRun.Run(table, config, runDirectory, defaultTarget,
                        data => progress.Prepared(data, source),
                        e =>
                        {
                            bar.Value = e.Epoch;
                            bar.Description = TrainingProgress.Describe(e);
                        },
                        writePlots,
                        onRestart: r =>
                        {
                            // Restarts finish on worker threads.
                            var n = Interlocked.Increment(ref finished);
                            bar.Value = n;
                            bar.Description = FormattableString.Invariant(
                                $"restarts: {n}/{config.Restarts} done (last: #{r.Index})");
                        });
                    bar.Value = bar.MaxValue;
                });
            result = done!;
        }
        else
        {
            result = TrainingRun.Run(table, config, runDirectory, defaultTarget,
                data => progress.Prepared(data, source), progress.Epoch, writePlots, onRestart: progress.Restart);
        }

        foreach (var warning in plotProblem is null ? result.Warnings : [.. result.Warnings, plotProblem])
        {
            output.Warn(Name, warning);
        }

        if (json)
        {
            output.Stdout.WriteLine(RunFiles.SummaryJson(result, indented: false));
            return ExitCodes.Ok;
        }

        TrainSummary.Render(output.Console, result, source, plotFiles);
        return ExitCodes.Ok;
    }

    private static Option<string?> Text(string name, string description, string? helpName = null) =>
        new(name) { Description = description, HelpName = helpName };

    private static (DataTable Table, string Source, string? DefaultTarget) Load(CliOutput output, RunConfig config,
        string? hdu)
    {
        if (config.DataPath is { } path)
        {
            var (table, source) = ModelInputs.LoadTable(path, hdu, output, Name);
            return (table, source, null);
        }

        DatasetInfo info;
        try
        {
            info = Datasets.Find(config.Dataset);
        }
        catch (DataException e)
        {
            throw new CliUsageException($"--dataset: {e.Message}", e);
        }

        return (Datasets.Open(info.Name), $"{info.Name} (embedded)", info.Target);
    }
}
