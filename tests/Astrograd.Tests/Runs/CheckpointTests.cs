using Astrograd.Data;
using Astrograd.NN;
using Astrograd.Optim;
using Astrograd.Runs;
using Astrograd.Training;

namespace Astrograd.Tests.Runs;

/// <summary>
/// Checkpoints in-process: a run stopped at a chosen point (a <see cref="StopSignal"/> raised from a callback, so
/// the point is exact) and resumed ends with the same weight file bytes and history as one that never stopped.
/// The child-process kill and signal tests are in Cli/InterruptionTests.
/// </summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "astrograd-ckpt-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static DataTable Sample() =>
        CsvReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", "htru2_sample.csv"));

    private static readonly RunConfig _base = new()
    {
        Layers = [8],
        Epochs = 8,
        Patience = 0,
        Seed = 5,
        BatchSize = 32,
    };

    public static TheoryData<string> Configs => ["sgd-momentum", "adam-cosine", "rmsprop-plateau", "adamw-step-dropout",
        "rprop", "lbfgs", "early-stopping"];

    private static RunConfig Config(string name) => name switch
    {
        "sgd-momentum" => _base with { Optimizer = OptimizerKind.Sgd, Momentum = 0.9 },
        "adam-cosine" => _base with
        {
            Optimizer = OptimizerKind.Adam,
            LearningRate = 0.01,
            Schedule = ScheduleKind.Cosine,
            WarmupEpochs = 2,
        },
        "rmsprop-plateau" => _base with
        {
            Optimizer = OptimizerKind.RmsProp,
            LearningRate = 0.01,
            Schedule = ScheduleKind.Plateau,
            StepSize = 1,
        },
        "adamw-step-dropout" => _base with
        {
            Optimizer = OptimizerKind.AdamW,
            LearningRate = 0.01,
            WeightDecay = 0.01,
            Schedule = ScheduleKind.Step,
            StepSize = 2,
            Dropout = 0.3,
        },
        "rprop" => _base with { Optimizer = OptimizerKind.Rprop, LearningRate = 0.01 },
        "lbfgs" => _base with { Optimizer = OptimizerKind.Lbfgs, LearningRate = 1, Epochs = 4 },
        "early-stopping" => _base with { Epochs = 30, Patience = 2, LearningRate = 0.3 },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void A_run_stopped_after_an_epoch_and_resumed_ends_with_the_same_bytes_as_one_that_never_stopped(
        string name)
    {
        var config = Config(name);
        var table = Sample();
        var whole = Path.Combine(_root, "whole");
        TrainingRun.Run(table, config, whole);

        var stopped = Path.Combine(_root, "stopped");
        var stop = new StopSignal();
        var interrupted = Assert.Throws<TrainingInterruptedException>(() => TrainingRun.Run(table, config, stopped,
            onEpoch: e =>
            {
                if (e.Epoch == 2)
                {
                    stop.Request();
                }
            },
            checkpointing: new RunCheckpointing { Every = 1, Stop = stop }));
        Assert.True(interrupted.ModelWritten);
        Assert.NotNull(TrainedModel.Load(stopped));
        var checkpoint = Checkpoint.Read(stopped);
        Assert.Equal((2, 0), (checkpoint.State.EpochsDone, checkpoint.State.StepsDone));

        TrainingRun.Run(table, checkpoint.Config, stopped, checkpointing: new RunCheckpointing { Resume = checkpoint });

        AssertSameRun(whole, stopped);
        Assert.False(File.Exists(Checkpoint.PathIn(stopped)), "a finished run keeps no checkpoint");
    }

    [Fact]
    public void A_stop_before_the_first_epoch_ends_writes_only_a_checkpoint_that_resumes_exactly()
    {
        var config = Config("adam-cosine");
        var table = Sample();
        var whole = Path.Combine(_root, "whole");
        TrainingRun.Run(table, config, whole);
        var stop = new StopSignal();
        stop.Request();

        var dir = Path.Combine(_root, "early");
        var e = Assert.Throws<TrainingInterruptedException>(() =>
            TrainingRun.Run(table, config, dir, checkpointing: new RunCheckpointing { Stop = stop }));

        Assert.False(e.ModelWritten);
        Assert.Equal([Checkpoint.FileName], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
        Assert.Contains("resume with: astrograd train --resume ", e.Message, StringComparison.Ordinal);
        var checkpoint = Checkpoint.Read(dir);
        TrainingRun.Run(table, checkpoint.Config, dir, checkpointing: new RunCheckpointing { Resume = checkpoint });
        AssertSameRun(whole, dir);
    }

    [Fact]
    public void Checkpoints_are_refused_for_a_multi_start_and_a_stopped_multi_start_writes_nothing()
    {
        var config = _base with { Restarts = 2, Threads = 1 };
        var dir = Path.Combine(_root, "multi");

        var refused = Assert.Throws<RunConfigException>(() =>
            TrainingRun.Run(Sample(), config, dir, checkpointing: new RunCheckpointing { Every = 1 }));
        var stop = new StopSignal();
        stop.Request();
        var stopped = Assert.Throws<TrainingInterruptedException>(() =>
            TrainingRun.Run(Sample(), config, dir, checkpointing: new RunCheckpointing { Stop = stop }));

        Assert.Equal("--checkpoint-every", refused.Option);
        Assert.Contains("nothing was written", stopped.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void A_stop_between_two_restarts_writes_nothing_and_reports_no_unbegun_restart()
    {
        // The first restart finishes whole, so the kept (best) result is not itself interrupted.
        var config = _base with { Restarts = 3, Threads = 1 };
        var dir = Path.Combine(_root, "between");
        var stop = new StopSignal();
        var reported = new List<int>();

        var stopped = Assert.Throws<TrainingInterruptedException>(() => TrainingRun.Run(Sample(), config, dir,
            onRestart: r =>
            {
                reported.Add(r.Index);
                stop.Request();
            },
            checkpointing: new RunCheckpointing { Stop = stop }));

        Assert.Contains("nothing was written", stopped.Message, StringComparison.Ordinal);
        Assert.Equal([0], reported);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void The_trainer_resumed_in_the_middle_of_an_epoch_takes_the_same_steps()
    {
        // A plan that raises the stop after the 5th step of epoch 2 (10 steps an epoch): an exact mid-epoch point.
        var (x, y) = Blobs();
        var options = new TrainerOptions(Epochs: 4, BatchSize: 8, Patience: 0, Seed: 3);
        var (whole, _) = Fit(x, y, options, null, null);
        var stop = new StopSignal();
        TrainerState<float>? saved = null;

        var (_, first) = Fit(x, y, options, stop, new TrainerCheckpoints<float> { Write = s => saved = s },
            new StopAfter(stop, 15));
        var (resumed, second) = Fit(x, y, options, null, new TrainerCheckpoints<float> { Resume = saved });

        Assert.True(first.Interrupted);
        Assert.Equal((1, 5), (saved!.EpochsDone, saved.StepsDone));
        Assert.Equal(whole, resumed);
        Assert.Equal(4, second.History.Count);
        Assert.Equal(40, second.Steps);
    }

    private static (float[][] Weights, TrainingResult Result) Fit(float[] x, float[] y,
        TrainerOptions options, StopSignal? stop, TrainerCheckpoints<float>? checkpoints, LearningRatePlan? plan = null)
    {
        var model = new Mlp<float>(new MlpSpec(2, [6], 1, Dropout: 0.2), new Rng(1));
        var optimizer = new Adam<float>(model.Parameters(), new AdamOptions(0.01));
        var result = Trainer.Fit(model, optimizer, new Objective(TaskKind.Regression),
            new TrainingSet<float>(x, 2, y, 1, null), null, options, plan: plan, stop: stop, checkpoints: checkpoints);
        return ([.. model.Parameters().Select(p => p.ToArray())], result);
    }

    private static (float[] X, float[] Y) Blobs()
    {
        var rng = new Rng(9);
        var x = new float[160];
        var y = new float[80];
        for (var i = 0; i < 80; i++)
        {
            x[2 * i] = (float)rng.NextNormal();
            x[(2 * i) + 1] = (float)rng.NextNormal();
            y[i] = (2 * x[2 * i]) - x[(2 * i) + 1];
        }

        return (x, y);
    }

    private static void AssertSameRun(string expected, string actual)
    {
        Assert.Equal(File.ReadAllBytes(Path.Combine(expected, TrainedModel.WeightsFile)),
            File.ReadAllBytes(Path.Combine(actual, TrainedModel.WeightsFile)));
        Assert.Equal(File.ReadAllText(Path.Combine(expected, "history.csv")),
            File.ReadAllText(Path.Combine(actual, "history.csv")));
    }

    private sealed class StopAfter(StopSignal stop, int steps) : LearningRatePlan
    {
        private int _steps;

        public override void AfterStep(double batchLoss, double learningRate)
        {
            if (++_steps == steps)
            {
                stop.Request();
            }
        }
    }
}
