using System.CommandLine;
using Astrograd.Data;
using Astrograd.Runs;

namespace Astrograd.Cli.Commands;

/// <summary>
/// The options that define a training run (data, network, optimizer, schedule), shared by <c>train</c> and
/// <c>lr-sweep</c>, and the loading of the table they name.
/// </summary>
internal sealed class RunOptions
{
    private readonly RunConfig _defaults = new();
    private readonly List<Option> _all = [];
    private readonly Option<string?> _data;
    private readonly Option<string?> _dataset;
    private readonly Option<string?> _target;
    private readonly Option<string?> _features;
    private readonly Option<string?> _task;
    private readonly Option<string> _layers;
    private readonly Option<string> _activation;
    private readonly Option<string?> _loss;
    private readonly Option<double>? _lr;
    private readonly Option<string> _optimizer;
    private readonly Option<double> _momentum;
    private readonly Option<bool> _nesterov;
    private readonly Option<double> _weightDecay;
    private readonly Option<string>? _schedule;
    private readonly Option<int>? _stepSize;
    private readonly Option<double>? _gamma;
    private readonly Option<int>? _warmup;
    private readonly Option<double>? _minLr;
    private readonly Option<int> _batch;
    private readonly Option<int> _epochs;
    private readonly Option<int> _patience;
    private readonly Option<double> _val;
    private readonly Option<double> _test;
    private readonly Option<ulong> _seed;
    private readonly Option<double> _dropout;
    private readonly Option<bool> _dropMissing;
    private readonly Option<int?> _threads;
    private readonly MissingOptions _missing = new();
    private readonly Option<double?> _clipGradNorm;
    private readonly Option<string?> _sigma;
    private readonly Option<double> _nu;

    /// <param name="withLearningRate">Offer --lr (a sweep chooses its own rates).</param>
    /// <param name="withSchedule">Offer --schedule and its options (a sweep keeps each rate constant).</param>
    /// <param name="patience">The default of --patience.</param>
    public RunOptions(bool withLearningRate, bool withSchedule, int? patience = null)
    {
        _data = Add(Text("--data", "CSV or FITS table to train on (default: the embedded HTRU2 table).", "FILE"));
        Hdu = Add(ModelInputs.Hdu());
        _dataset = Add(new Option<string?>("--dataset")
        {
            Description = $"Embedded table to train on instead of --data (default: {_defaults.Dataset}; see " +
                "'astrograd datasets').",
            HelpName = "NAME",
        });
        _target = Add(Text("--target", "Target column(s), by name or 0-based index; several (A,B) for a " +
            "multi-output regression.", "COLS"));
        _features = Add(Text("--features",
            "Feature columns, comma-separated names or indices (default: every other numeric column).", "COLS"));
        _task = Add(Text("--task", "binary, multiclass or regression (default: detected)."));
        _layers = Add(new Option<string>("--layers")
        {
            Description = "Neurons per hidden layer, e.g. 64,64 (0 or none: a linear model).",
            DefaultValueFactory = _ => "64,64",
        });
        _activation = Add(new Option<string>("--activation")
        {
            Description = $"Hidden activation: {string.Join(", ", ActivationExtensions.Names)}.",
            DefaultValueFactory = _ => _defaults.Activation.ToName(),
        });
        _loss = Add(Text("--loss", "l1, l2, huber, chi2 (needs --sigma), gaussian-nll, student-t (regression); " +
            "bce (binary); ce (multiclass)."));
        _sigma = Add(Text("--sigma", "Column(s) of the targets' 1-sigma errors, one per target: chi2 divides by " +
            "σ², gaussian-nll and student-t add σ² to the predicted variance.", "COLS"));
        _nu = Add(OptionParsing.Number("--nu", "Degrees of freedom ν of --loss student-t.", _defaults.Nu));
        _lr = withLearningRate ? Add(OptionParsing.Number("--lr", "Learning rate λ.", _defaults.LearningRate)) : null;
        _optimizer = Add(new Option<string>("--optimizer")
        {
            Description = $"{string.Join(", ", TrainingChoiceNames.Optimizers)} (rprop and lbfgs train on the full " +
                "batch, one step per epoch; rprop's --lr is its first step size; lbfgs runs 20 iterations with a " +
                "line search per epoch: try --lr 1).",
            DefaultValueFactory = _ => _defaults.Optimizer.ToName(),
        });
        _momentum = Add(OptionParsing.Number("--momentum", "SGD momentum μ in [0, 1) (sgd only).",
            _defaults.Momentum));
        _nesterov = Add(new Option<bool>("--nesterov")
        {
            Description = "Nesterov momentum: step along the gradient plus μ times the new velocity (sgd only).",
        });
        _weightDecay = Add(OptionParsing.Number("--weight-decay",
            "Weight decay >= 0: an L2 term added to the gradient for sgd, adam, rmsprop; decoupled " +
            "(w ← w·(1 − λ·decay) per step) for adamw; none for rprop, lbfgs.", _defaults.WeightDecay));
        if (withSchedule)
        {
            _schedule = Add(new Option<string>("--schedule")
            {
                Description = "Learning rate per epoch, set after each epoch as PyTorch's schedulers do: none; " +
                    "step (×gamma after every --step-size epochs); exponential (×gamma after every epoch); cosine " +
                    "(half a cosine from --lr down to --min-lr, which it reaches after the last epoch, after " +
                    "--warmup-epochs of linear warm-up from --lr/10); plateau (×gamma once more than --step-size " +
                    "epochs in a row end without a better validation loss).",
                DefaultValueFactory = _ => _defaults.Schedule.ToName(),
            });
            _stepSize = Add(OptionParsing.WholeNumber("--step-size",
                "Epochs per decay (step); epochs without improvement tolerated before a decay (plateau).",
                _defaults.StepSize));
            _gamma = Add(OptionParsing.Number("--gamma", "Decay factor γ (step, exponential, plateau).",
                _defaults.Gamma));
            _warmup = Add(OptionParsing.WholeNumber("--warmup-epochs",
                "Epochs of linear warm-up from λ/10 (cosine).", _defaults.WarmupEpochs));
            _minLr = Add(OptionParsing.Number("--min-lr",
                "Lowest learning rate: cosine reaches it after the last epoch; plateau never goes below it.",
                _defaults.MinLearningRate));
        }

        _batch = Add(OptionParsing.WholeNumber("--batch", "Rows per mini-batch.", _defaults.BatchSize));
        _epochs = Add(OptionParsing.WholeNumber("--epochs", "Maximum epochs.", _defaults.Epochs));
        _patience = Add(OptionParsing.WholeNumber("--patience",
            "Early stopping: epochs without a better validation loss (0 turns it off).",
            patience ?? _defaults.Patience));
        _val = Add(OptionParsing.Number("--val", "Validation share of the rows (0: none).", _defaults.Validation));
        _test = Add(OptionParsing.Number("--test", "Test share of the rows (0: none).", _defaults.Test));
        _seed = Add(OptionParsing.Seed("--seed", "Seed of the split, weights and shuffling.", _defaults.Seed));
        _dropout = Add(OptionParsing.Number("--dropout", "Dropout after each hidden layer, in [0, 1).", 0.0));
        _dropMissing = Add(new Option<bool>("--drop-missing")
        {
            Description = "Same as --on-missing drop (kept for old scripts).",
        });
        _all.AddRange(_missing.All);
        _threads = Add(new Option<int?>("--threads") { Description = "Cores to use (default: all).", HelpName = "N" });
        _clipGradNorm = Add(OptionParsing.OptionalNumber("--clip-grad-norm",
            "Scale the gradients down when their total L2 norm exceeds X (default: no clipping).", "X"));
    }

    /// <summary>--threads.</summary>
    public Option<int?> Threads => _threads;

    /// <summary>--hdu, for <see cref="Load"/>.</summary>
    public Option<string?> Hdu { get; }

    /// <summary>Every option, in help order.</summary>
    public IReadOnlyList<Option> All => _all;

    /// <summary>The run's options as parsed; not yet validated.</summary>
    public RunConfig Config(ParseResult parse) => _missing.Apply(new()
    {
        DataPath = parse.GetValue(_data),
        Dataset = DatasetOrData(parse.GetValue(_dataset), parse.GetValue(_data)),
        Target = parse.GetValue(_target),
        Features = OptionParsing.Columns(parse.GetValue(_features)),
        Task = OptionParsing.Task(parse.GetValue(_task)),
        Layers = OptionParsing.Layers(parse.GetValue(_layers)),
        Activation = OptionParsing.Activation(parse.GetValue(_activation)!),
        Loss = OptionParsing.Loss(parse.GetValue(_loss)),
        LearningRate = _lr is null ? _defaults.LearningRate : parse.GetValue(_lr),
        Optimizer = Optimizer(parse.GetValue(_optimizer)),
        Momentum = parse.GetValue(_momentum),
        Nesterov = parse.GetValue(_nesterov),
        WeightDecay = parse.GetValue(_weightDecay),
        Schedule = _schedule is null ? ScheduleKind.None : Schedule(parse.GetValue(_schedule)),
        StepSize = _stepSize is null ? _defaults.StepSize : parse.GetValue(_stepSize),
        Gamma = _gamma is null ? _defaults.Gamma : parse.GetValue(_gamma),
        WarmupEpochs = _warmup is null ? 0 : parse.GetValue(_warmup),
        MinLearningRate = _minLr is null ? 0 : parse.GetValue(_minLr),
        BatchSize = parse.GetValue(_batch),
        Epochs = parse.GetValue(_epochs),
        Patience = parse.GetValue(_patience),
        Validation = parse.GetValue(_val),
        Test = parse.GetValue(_test),
        Seed = parse.GetValue(_seed),
        Dropout = parse.GetValue(_dropout),
        DropMissing = parse.GetValue(_dropMissing),
        Threads = parse.GetValue(_threads),
        ClipGradNorm = parse.GetValue(_clipGradNorm),
        Sigma = parse.GetValue(_sigma),
        Nu = parse.GetValue(_nu),
    }, parse);

    /// <summary>The table named by --data (with --hdu), else the embedded --dataset, with a description of its
    /// source and the embedded dataset's target. <paramref name="origin"/>, when given, receives the file's SHA-256
    /// (if it wants it) and FITS HDU (an embedded dataset has neither).</summary>
    public static (DataTable Table, string Source, string? DefaultTarget) Load(CliOutput output, RunConfig config,
        string? hdu, string command, Action<long>? bytesRead = null, DataOrigin? origin = null)
    {
        if (hdu is not null && config.DataPath is null)
        {
            throw new CliUsageException("--hdu: selects an HDU of a FITS --data file; give --data FILE.fits");
        }

        if (config.DataPath is { } path)
        {
            var (table, source) = ModelInputs.LoadTable(path, hdu, output, command, bytesRead, origin);
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

    /// <summary>An optional text option.</summary>
    public static Option<string?> Text(string name, string description, string? helpName = null) =>
        new(name) { Description = description, HelpName = helpName };

    // One source of rows: a --dataset given beside --data used to be ignored without a word.
    private string DatasetOrData(string? dataset, string? data) =>
        dataset is not null && data is not null
            ? throw new CliUsageException($"--dataset: '{dataset}' is an embedded table, but --data gives the file " +
                $"'{data}'; give one of them")
            : dataset ?? _defaults.Dataset;

    private static OptimizerKind Optimizer(string? text) => TrainingChoiceNames.TryParseOptimizer(text, out var kind)
        ? kind
        : throw new CliUsageException($"--optimizer: '{text}' is not an optimizer; expected one of " +
            $"{string.Join(", ", TrainingChoiceNames.Optimizers)}");

    private static ScheduleKind Schedule(string? text) => TrainingChoiceNames.TryParseSchedule(text, out var kind)
        ? kind
        : throw new CliUsageException($"--schedule: '{text}' is not a schedule; expected one of " +
            $"{string.Join(", ", TrainingChoiceNames.Schedules)}");

    private T Add<T>(T option)
        where T : Option
    {
        _all.Add(option);
        return option;
    }
}
