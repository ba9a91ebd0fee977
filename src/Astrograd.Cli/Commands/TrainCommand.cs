using System.CommandLine;
using Astrograd.Cli.Plots;
using Astrograd.Cli.Rendering;
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

        var command = new Command(Name,
            "Train, evaluate and save a network on a table (default: embedded HTRU2 pulsars).");
        foreach (var option in run.All.Concat([restarts, restart, outDir, json, noPlots]))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var config = run.Config(parse) with
            {
                Restarts = parse.GetValue(restarts),
                Restart = parse.GetValue(restart),
            };
            return Run(output, config, parse.GetValue(run.Hdu), parse.GetValue(outDir), parse.GetValue(json),
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
        var interactive = !json && output.Console.Profile.Capabilities.Interactive;
        var (table, source, defaultTarget) = interactive && LoadingProgress.Applies(config.DataPath)
            ? LoadingProgress.Show(output.Console, config.DataPath!,
                read => RunOptions.Load(output, config, hdu, Name, read))
            : RunOptions.Load(output, config, hdu, Name);

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
}
