using Astrograd.Data;
using Astrograd.Optim;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>
/// Everything that defines a training run, as the command line gives it. With no data file the run uses the
/// embedded dataset named by <see cref="Dataset"/>.
/// </summary>
public sealed record RunConfig
{
    /// <summary>A CSV file to train on, or null for the embedded dataset.</summary>
    public string? DataPath { get; init; }

    /// <summary>The FITS HDU the table was read from, recorded in <c>model.json</c>; null for a CSV file or an
    /// embedded dataset. Whoever reads the table sets it: no option gives it directly.</summary>
    public HduCard? Hdu { get; init; }

    /// <summary>The embedded dataset used when <see cref="DataPath"/> is null.</summary>
    public string Dataset { get; init; } = "htru2";

    /// <summary>The target column (name or 0-based index); null: the embedded dataset's target,
    /// else the last column.</summary>
    public string? Target { get; init; }

    /// <summary>The feature columns; null: every numeric column but the target.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>The task; null: detected from the target column.</summary>
    public TaskKind? Task { get; init; }

    /// <summary>Neurons per hidden layer.</summary>
    public IReadOnlyList<int> Layers { get; init; } = [64, 64];

    /// <summary>The hidden activation.</summary>
    public Activation Activation { get; init; } = Activation.Tanh;

    /// <summary>The loss; null: the task's usual loss.</summary>
    public LossKind? Loss { get; init; }

    /// <summary>Learning rate λ.</summary>
    public double LearningRate { get; init; } = 0.03;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>SGD with Nesterov's look-ahead momentum (sgd with a momentum above 0 only).</summary>
    public bool Nesterov { get; init; }

    /// <summary>The optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>Weight decay, ≥ 0: an L2 term decay·w added to the gradient for sgd, adam and rmsprop; decoupled
    /// (w ← w·(1 − λ·decay) each step) for adamw; refused above 0 for rprop and lbfgs.</summary>
    public double WeightDecay { get; init; }

    /// <summary>The learning-rate schedule, stepped once per epoch.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.None;

    /// <summary>Epochs between decays (step), or epochs without improvement tolerated before a decay (plateau: it
    /// comes after more than this many in a row, as PyTorch's patience), ≥ 1.</summary>
    public int StepSize { get; init; } = 10;

    /// <summary>γ, the decay factor: in (0, 1] for step and exponential, (0, 1) for plateau.</summary>
    public double Gamma { get; init; } = 0.5;

    /// <summary>Epochs of linear warm-up from λ/10 before the cosine (cosine only), less than the epochs.</summary>
    public int WarmupEpochs { get; init; }

    /// <summary>The lowest rate of the cosine and plateau schedules, in [0, λ]: cosine reaches it after the last
    /// epoch (the last epoch trains just above it).</summary>
    public double MinLearningRate { get; init; }

    /// <summary>Rows per mini-batch.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Maximum epochs.</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Early-stopping patience in epochs; 0 turns it off.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>Validation share of the rows.</summary>
    public double Validation { get; init; } = 0.1;

    /// <summary>Test share of the rows.</summary>
    public double Test { get; init; } = 0.2;

    /// <summary>The run's seed: split, initial weights, shuffling and dropout all derive from it.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>The column(s) holding the 1-σ error of each target (comma-separated, one per target), or null;
    /// chi2 needs it, gaussian-nll and student-t add its σ² to the predicted variance.</summary>
    public string? Sigma { get; init; }

    /// <summary>ν, the degrees of freedom of the student-t loss.</summary>
    public double Nu { get; init; } = 3;

    /// <summary>Drop rows with missing or non-finite cells instead of refusing the table.</summary>
    public bool DropMissing { get; init; }

    /// <summary>Values that mean "missing" in the used columns (<c>--missing -9999,-99</c>); empty for none.</summary>
    public IReadOnlyList<double> Missing { get; init; } = [];

    /// <summary>What to do with missing feature values (<c>--on-missing</c>); null: refuse, or drop with
    /// <see cref="DropMissing"/>.</summary>
    public MissingPolicy? OnMissing { get; init; }

    /// <summary>Magnitude columns in wavelength order whose colours become features (<c>--colors u,g,r,i,z</c>),
    /// or null.</summary>
    public IReadOnlyList<string>? Colors { get; init; }

    /// <summary>The policy in force: <see cref="OnMissing"/>, else drop with --drop-missing, else refuse.</summary>
    public MissingPolicy MissingPolicy => OnMissing ?? (DropMissing ? MissingPolicy.Drop : MissingPolicy.Refuse);

    /// <summary>Dropout after every hidden activation; refused above 0 for lbfgs, whose line search needs the same
    /// loss at every evaluation.</summary>
    public double Dropout { get; init; }

    /// <summary>
    /// Multi-start: how many networks to train from different random starts (restart k's seed is derived from
    /// (<see cref="Seed"/>, k), restart 0's is the seed itself); the one with the best validation loss (training
    /// loss without validation) is kept. Restarts run in parallel on up to <see cref="Threads"/> cores.
    /// </summary>
    public int Restarts { get; init; } = 1;

    /// <summary>Train only restart k of a multi-start (same split, same start): replays it bit for bit.</summary>
    public int? Restart { get; init; }

    /// <summary>Cores to use (null: all of them).</summary>
    public int? Threads { get; init; }

    /// <summary>Gradient-norm clipping: the largest total L2 norm of all gradients before an update (larger ones are
    /// scaled down to it); null turns clipping off. See <see cref="TrainerOptions.ClipGradNorm"/>.</summary>
    public double? ClipGradNorm { get; init; }

    /// <summary>Throws naming the first bad value and its option.</summary>
    /// <exception cref="RunConfigException">A value is out of range; the message starts with the option's
    /// name, e.g. <c>--lr: must be a finite number &gt; 0, got -1</c>.</exception>
    public void Validate()
    {
        if (Target is { } target && string.IsNullOrWhiteSpace(target))
        {
            throw Bad("--target", $"is empty; give a column name or 0-based index");
        }

        if (Features is { } features && features.Any(string.IsNullOrWhiteSpace))
        {
            var list = string.Join(",", features);
            throw Bad("--features", $"has an empty entry in '{list}'; give comma-separated column names or indices");
        }

        ValidateMissing();
        ErrorAwareLosses.Validate(this);

        if (Layers.Any(l => l < 1))
        {
            throw Bad("--layers", $"every layer needs >= 1 neuron, got {string.Join(",", Layers)}");
        }

        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw Bad("--lr", $"must be a finite number > 0, got {LearningRate}");
        }

        if (!(Momentum >= 0 && Momentum < 1))
        {
            throw Bad("--momentum", $"must be in [0, 1), got {Momentum}");
        }

        ValidateOptimizer();

        if (BatchSize < 1)
        {
            throw Bad("--batch", $"must be a whole number >= 1, got {BatchSize}");
        }

        if (Epochs < 1)
        {
            throw Bad("--epochs", $"must be a whole number >= 1, got {Epochs}");
        }

        if (Patience < 0)
        {
            throw Bad("--patience", $"must be a whole number >= 0 (0 turns early stopping off), got {Patience}");
        }

        if (!(Validation >= 0 && Validation < 1))
        {
            throw Bad("--val", $"must be in [0, 1), got {Validation}");
        }

        if (!(Test >= 0 && Test < 1))
        {
            throw Bad("--test", $"must be in [0, 1), got {Test}");
        }

        if (Validation + Test >= 1)
        {
            throw Bad("--val",
                $"{Validation} with --test {Test} leaves no training rows; the two must sum to less than 1");
        }

        if (!(Dropout >= 0 && Dropout < 1))
        {
            throw Bad("--dropout", $"must be in [0, 1), got {Dropout}");
        }

        if (Dropout > 0 && Optimizer == OptimizerKind.Lbfgs)
        {
            // The line search compares losses at several points of one step; new masks at each would make it
            // compare noise.
            throw new RunConfigException("--dropout", "lbfgs needs the same loss at every evaluation of its line " +
                FormattableString.Invariant($"search, and dropout draws new masks for each (got {Dropout}); ") +
                "leave out --dropout or use another --optimizer");
        }

        if (Restarts is < 1 or > 10_000)
        {
            throw Bad("--restarts", $"must be a whole number from 1 to 10000, got {Restarts}");
        }

        if (Restart is { } k && k < 0)
        {
            throw Bad("--restart", $"must be a whole number >= 0 (the index of a restart), got {k}");
        }

        if (Restart is not null && Restarts > 1)
        {
            throw Bad("--restart", $"replays one restart; leave --restarts out (it is {Restarts})");
        }

        if (Threads is { } t && t < 1)
        {
            throw Bad("--threads", $"must be a whole number >= 1, got {t}");
        }

        ValidateClipping();
    }

    private void ValidateClipping()
    {
        if (ClipGradNorm is { } clip && (!(clip > 0) || !double.IsFinite(clip)))
        {
            throw Bad("--clip-grad-norm", $"must be a finite number > 0 (the largest gradient norm), got {clip}");
        }
    }

    private void ValidateMissing()
    {
        if (Missing.FirstOrDefault(v => !double.IsFinite(v)) is var bad && !double.IsFinite(bad))
        {
            throw new RunConfigException("--missing", FormattableString.Invariant(
                $"sentinels must be finite numbers such as -9999, got {bad}") + "; NaN and empty cells always are");
        }

        if (DropMissing && OnMissing is { } policy && policy != MissingPolicy.Drop)
        {
            throw new RunConfigException("--drop-missing",
                $"is --on-missing drop, which contradicts --on-missing {policy.ToName()}; give one of them");
        }

        if (Colors is { } colors && (colors.Count < 2 || colors.Any(string.IsNullOrWhiteSpace)))
        {
            throw new RunConfigException("--colors", "needs two or more magnitude columns in wavelength order, " +
                $"e.g. u,g,r,i,z; got '{string.Join(",", colors)}'");
        }

        if (Colors?.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw Bad("--colors", $"lists '{twice.Key}' {twice.Count()} times; list each magnitude column once");
        }
    }

    private void ValidateOptimizer()
    {
        var optimizers = string.Join(", ", TrainingChoiceNames.Optimizers);
        if (!Enum.IsDefined(Optimizer))
        {
            throw Bad("--optimizer", $"must be one of {optimizers}, got {(int)Optimizer}");
        }

        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay))
        {
            throw Bad("--weight-decay", $"must be a finite number >= 0, got {WeightDecay}");
        }

        if (Nesterov && (Optimizer != OptimizerKind.Sgd || Momentum == 0))
        {
            var (name, mu) = (Optimizer.ToName(), Momentum);
            throw Bad("--nesterov",
                $"is a form of sgd momentum: it needs --optimizer sgd and --momentum > 0, got {name} and {mu}");
        }

        if (WeightDecay > 0 && Optimizer is OptimizerKind.Rprop or OptimizerKind.Lbfgs)
        {
            var name = Optimizer.ToName();
            throw Bad("--weight-decay",
                $"{name} has no weight decay (got {WeightDecay}); use sgd, adam, adamw or rmsprop");
        }

        var rprop = new RpropOptions();
        if (Optimizer == OptimizerKind.Rprop && !(LearningRate >= rprop.MinStep && LearningRate <= rprop.MaxStep))
        {
            var (min, max) = (rprop.MinStep, rprop.MaxStep);
            throw Bad("--lr", $"is rprop's first step size, which must lie in [{min}, {max}], got {LearningRate}");
        }

        if (Optimizer == OptimizerKind.Rprop && Schedule != ScheduleKind.None)
        {
            // Rprop's rate only seeds the step sizes of the first step; a schedule would move nothing but could
            // push that seed out of [MinStep, MaxStep] halfway through a run.
            var schedule = Schedule.ToName();
            throw Bad("--schedule",
                $"rprop adapts every step size itself, --lr is only the first one: {schedule} would change nothing");
        }

        if (Optimizer == OptimizerKind.AdamW && LearningRate * WeightDecay > 1)
        {
            throw Bad("--weight-decay",
                $"adamw needs --lr × --weight-decay <= 1, got {LearningRate} × {WeightDecay}");
        }

        if (!Enum.IsDefined(Schedule))
        {
            var schedules = string.Join(", ", TrainingChoiceNames.Schedules);
            throw Bad("--schedule", $"must be one of {schedules}, got {(int)Schedule}");
        }

        if (StepSize < 1)
        {
            throw Bad("--step-size", $"must be a whole number >= 1 (epochs), got {StepSize}");
        }

        var gammaOk = Schedule == ScheduleKind.Plateau ? Gamma > 0 && Gamma < 1 : Gamma > 0 && Gamma <= 1;
        if (!gammaOk)
        {
            var range = Schedule == ScheduleKind.Plateau ? "(0, 1) for plateau" : "(0, 1]";
            throw Bad("--gamma", $"must be in {range}, got {Gamma}");
        }

        if (WarmupEpochs < 0 || (WarmupEpochs > 0 && WarmupEpochs >= Epochs))
        {
            throw Bad("--warmup-epochs",
                $"must be a whole number >= 0 and below --epochs ({Epochs}), got {WarmupEpochs}");
        }

        if (WarmupEpochs > 0 && Schedule != ScheduleKind.Cosine)
        {
            throw Bad("--warmup-epochs", $"applies to --schedule cosine only; got --schedule {Schedule.ToName()}");
        }

        if (!(MinLearningRate >= 0 && MinLearningRate <= LearningRate))
        {
            throw Bad("--min-lr", $"must be in [0, --lr = {LearningRate}], got {MinLearningRate}");
        }
    }

    private static RunConfigException Bad(string option, FormattableString what) =>
        new(option, FormattableString.Invariant(what));
}
