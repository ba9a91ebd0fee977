using System.CommandLine;
using Astrograd.Cli.Configuration;
using Astrograd.Cli.Plots;
using Astrograd.Cli.Rendering;
using Astrograd.Cli.Reports;
using Astrograd.IO;
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
        var run = new RunOptions(withLearningRate: true, withSchedule: true);
        var restarts = OptionParsing.WholeNumber("--restarts",
            "Multi-start: train N networks from different random starts (in parallel) and keep the best.",
            defaults.Restarts);
        var restart = new Option<int?>("--restart")
        {
            Description = "Replay restart K of a multi-start alone (same split and start, same weights).",
            HelpName = "K",
        };
        var outDir = RunOptions.Text("--out", "Run directory to create (default: runs/<time>).", "DIR");
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON summary on stdout; progress goes to stderr.",
        };
        var noPlots = new Option<bool>("--no-plots")
        {
            Description = "Write no plots (loss, metric, ROC, confusion, predicted vs true, residuals).",
        };
        var resume = new TrainResume();
        var configFile = ConfiguredParse.Option();

        var command = new Command(Name,
            "Train, evaluate and save a network on a table (default: embedded HTRU2 pulsars).");
        foreach (var option in run.All.Concat([restarts, restart, outDir, json, noPlots, resume.Every,
            resume.Directory, configFile]))
        {
            command.Options.Add(option);
        }

        // Every option can come from --config; the run directory records them all in config.toml.
        command.SetAction(typed => ConfiguredParse.Apply(typed, configFile).Run(parse =>
        {
            var config = run.Config(parse) with
            {
                Restarts = parse.GetValue(restarts),
                Restart = parse.GetValue(restart),
            };

            // --threads changes no result, so a resume may choose it; every other run option is the checkpoint's.
            var every = resume.EveryGiven(parse);
            var checkpoint = resume.Load(parse, [.. run.All.Where(o => o.Name != "--threads"), restarts, restart,
                outDir]);
            var hdu = parse.GetValue(run.Hdu);
            var directory = parse.GetValue(outDir);
            var plots = !parse.GetValue(noPlots);
            Func<string, string> toml = dir => ResolvedConfig.Toml(parse, dir);
            if (checkpoint is not null)
            {
                // The options the run was started with hold, except those the resume line gives again.
                var threads = Given(parse, run.Threads) ? config.Threads : checkpoint.Config.Threads;
                (config, hdu, directory) = (checkpoint.Config with { Threads = threads }, checkpoint.Hdu,
                    parse.GetValue(resume.Directory));
                var recorded = checkpoint.ConfigToml;
                if (!Given(parse, noPlots))
                {
                    plots = ResolvedConfig.RecordedFlag(recorded, noPlots.Name) is not true;
                }

                // A resumed run records the options it was started with, not the --resume command line.
                toml = dir => recorded ?? ResolvedConfig.Missing;
            }

            return Run(output, config, hdu, directory, parse.GetValue(json), plots,
                (every ?? checkpoint?.Every ?? 0, checkpoint), toml);
        }));
        return command;
    }

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    private static int Run(CliOutput output, RunConfig config, string? hdu, string? outDir, bool json, bool plots,
        (int Every, Checkpoint? Resume) checkpoints, Func<string, string> resolvedConfig)
    {
        // Options first, then the output folder, then the data: cheap refusals before the table is read.
        config.Validate();
        new RunCheckpointing { Every = checkpoints.Every }.Validate(config);
        if (hdu is not null && config.DataPath is null)
        {
            throw new CliUsageException("--hdu: selects an HDU of a FITS --data file; give --data FILE.fits");
        }

        var runDirectory = outDir ?? RunFolder.DefaultFor(DateTime.UtcNow);
        if (checkpoints.Resume is not null)
        {
            // A resume writes checkpoints inside the run directory and swaps it for the finished run beside it.
            WritableFolder.CheckFolder(runDirectory, "--resume");
            WritableFolder.Check(runDirectory, "--resume");
        }

        RunLock.ThrowIfHeld(runDirectory);
        if (checkpoints.Resume is null)
        {
            RunFolder.CheckFree(runDirectory);
        }

        // Compile the training path on the other core while this one reads the table.
        var warmup = TrainingWarmup.Start(config);
        // The data file's SHA-256 (for checkpoints) is taken while it is read, as a pipe can be read only once; the
        // FITS HDU read goes into model.json.
        var origin = new DataOrigin { WantsFingerprint = true };
        var (table, source, defaultTarget) = !json && output.Console.Profile.Capabilities.Interactive
            && LoadingProgress.Applies(config.DataPath)
                ? LoadingProgress.Show(output.Console, config.DataPath!,
                    read => RunOptions.Load(output, config, hdu, Name, read, origin))
                : RunOptions.Load(output, config, hdu, Name, origin: origin);
        config = config with { Hdu = origin.Hdu };
        warmup.Wait();
        var configToml = resolvedConfig(runDirectory);

        // From here on Ctrl-C and SIGTERM stop training after a step and save what it has (exit 130 or 143).
        using var interruption = Interruption.Watch(output.Stderr, Name, saves: config.Restarts <= 1);
        var checkpointing = new RunCheckpointing
        {
            Every = checkpoints.Every,
            Resume = checkpoints.Resume,
            Hdu = hdu,
            Stop = interruption.Stop,
            DataFingerprint = checkpoints.Resume?.DataFingerprint ?? origin.Fingerprint,
            ConfigToml = configToml,
        };
        try
        {
            return Train(output, config, runDirectory, (table, source, defaultTarget), json, plots, checkpointing,
                configToml);
        }
        catch (TrainingInterruptedException e)
        {
            output.Stderr.WriteLine($"{CliOutput.Prefix(Name)}: {e.Message}");
            return interruption.ExitCode;
        }
    }

    private static int Train(CliOutput output, RunConfig config, string runDirectory,
        (Astrograd.Data.DataTable Table, string Source, string? DefaultTarget) data, bool json, bool plots,
        RunCheckpointing checkpointing, string configToml)
    {
        var (table, source, defaultTarget) = data;

        var interactive = !json && output.Console.Profile.Capabilities.Interactive;

        // Plots, config.toml and the report go into the temporary run folder, so that they appear with the rest
        // or not at all.
        IReadOnlyList<string>? plotFiles = null;
        string? plotProblem = null;
        Action<RunResult, string> writePlots = (r, folder) =>
        {
            AtomicFile.WriteAllText(Path.Combine(folder, ResolvedConfig.FileName), configToml);
            if (plots)
            {
                (plotFiles, plotProblem) = RunPlots.TryWrite(r, folder);
            }

            RunReport.Write(r, folder, source, configToml, plotFiles ?? []);
        };

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
                        },
                        checkpointing: checkpointing);
                    bar.Value = bar.MaxValue;
                });
            result = done!;
        }
        else
        {
            result = TrainingRun.Run(table, config, runDirectory, defaultTarget,
                data => progress.Prepared(data, source), progress.Epoch, writePlots, onRestart: progress.Restart,
                checkpointing: checkpointing);
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
}
