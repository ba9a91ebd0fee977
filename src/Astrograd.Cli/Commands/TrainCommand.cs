using System.CommandLine;
using System.Text;
using System.Text.Json;
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
        var data = new Option<string?>("--data") { Description = "CSV table to train on (default: the embedded HTRU2 table).", HelpName = "FILE" };
        var dataset = new Option<string>("--dataset")
        {
            Description = "Embedded table to use when no --data is given (see 'astrograd datasets').",
            DefaultValueFactory = _ => defaults.Dataset,
        };
        var target = new Option<string?>("--target") { Description = "Target column, by name or 0-based index.", HelpName = "COL" };
        var features = new Option<string?>("--features")
        {
            Description = "Feature columns, comma-separated names or indices (default: every other numeric column).",
            HelpName = "COLS",
        };
        var task = new Option<string?>("--task") { Description = "binary, multiclass or regression (default: detected)." };
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
        var loss = new Option<string?>("--loss") { Description = "l1, l2, huber (regression), bce (binary), ce (multiclass)." };
        var lr = new Option<double>("--lr") { Description = "Learning rate λ.", DefaultValueFactory = _ => defaults.LearningRate };
        var momentum = new Option<double>("--momentum") { Description = "SGD momentum μ in [0, 1).", DefaultValueFactory = _ => defaults.Momentum };
        var batch = new Option<int>("--batch") { Description = "Rows per mini-batch.", DefaultValueFactory = _ => defaults.BatchSize };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs.", DefaultValueFactory = _ => defaults.Epochs };
        var patience = new Option<int>("--patience")
        {
            Description = "Early stopping: epochs without a better validation loss (0 turns it off).",
            DefaultValueFactory = _ => defaults.Patience,
        };
        var val = new Option<double>("--val") { Description = "Validation share of the rows (0: none).", DefaultValueFactory = _ => defaults.Validation };
        var test = new Option<double>("--test") { Description = "Test share of the rows (0: none).", DefaultValueFactory = _ => defaults.Test };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the split, weights and shuffling.", DefaultValueFactory = _ => defaults.Seed };
        var dropout = new Option<double>("--dropout") { Description = "Dropout after each hidden layer, in [0, 1).", DefaultValueFactory = _ => 0.0 };
        var dropMissing = new Option<bool>("--drop-missing") { Description = "Drop rows with NaN, Inf or empty cells instead of refusing." };
        var outDir = new Option<string?>("--out") { Description = "Run directory to create (default: runs/<time>).", HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print one JSON summary on stdout; progress goes to stderr." };

        var command = new Command(Name, "Train, evaluate and save a network on a table (default: embedded HTRU2 pulsars).")
        {
            data, dataset, target, features, task, layers, activation, loss, lr, momentum, batch, epochs, patience,
            val, test, seed, dropout, dropMissing, outDir, json,
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
            };
            return Run(output, config, parse.GetValue(outDir), parse.GetValue(json));
        });
        return command;
    }

    private static int Run(CliOutput output, RunConfig config, string? outDir, bool json)
    {
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }

        var (table, source, defaultTarget) = Load(config);
        var runDirectory = outDir ?? RunFolder.DefaultFor(DateTime.UtcNow);
        try
        {
            RunFolder.CheckFree(runDirectory);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }

        var interactive = !json && output.Console.Profile.Capabilities.Interactive;
        var progress = new TrainingProgress(output, json ? output.Stderr : null);
        RunResult result;
        if (interactive)
        {
            RunResult? done = null;
            output.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var bar = ctx.AddTask("training", maxValue: config.Epochs);
                    done = TrainingRun.Run(table, config, runDirectory, defaultTarget,
                        data => progress.Prepared(data, source),
                        e =>
                        {
                            bar.Value = e.Epoch;
                            bar.Description = TrainingProgress.Describe(e);
                        });
                    bar.Value = bar.MaxValue;
                });
            result = done!;
        }
        else
        {
            result = TrainingRun.Run(table, config, runDirectory, defaultTarget,
                data => progress.Prepared(data, source), progress.Epoch);
        }

        foreach (var warning in result.Data.Warnings)
        {
            output.Warn(Name, warning);
        }

        if (json)
        {
            output.Stdout.WriteLine(SummaryJson(result));
            return ExitCodes.Ok;
        }

        TrainSummary.Render(output.Console, result, source);
        return ExitCodes.Ok;
    }

    private static (DataTable Table, string Source, string? DefaultTarget) Load(RunConfig config)
    {
        if (config.DataPath is { } path)
        {
            if (!File.Exists(path))
            {
                throw new CliDataException($"--data: file '{path}' does not exist");
            }

            return (CsvReader.ReadFile(path), path, null);
        }

        DatasetInfo info;
        try
        {
            info = Datasets.Find(config.Dataset);
        }
        catch (DataException e)
        {
            throw new CliUsageException($"--dataset: {e.Message}");
        }

        return (Datasets.Open(info.Name), $"{info.Name} (embedded)", info.Target);
    }

    private static string SummaryJson(RunResult result)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            RunFiles.WriteSummary(w, result);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
