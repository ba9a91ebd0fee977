using System.Globalization;

namespace Astrograd.Runs;

/// <summary>The hyperparameters of one trial of a search.</summary>
/// <param name="Layers">Neurons per hidden layer (empty: a linear model).</param>
/// <param name="Activation">The hidden activation.</param>
/// <param name="LearningRate">λ.</param>
/// <param name="BatchSize">Rows per mini-batch.</param>
public sealed record TrialParameters(IReadOnlyList<int> Layers, Activation Activation, double LearningRate,
    int BatchSize)
{
    /// <summary>"64,64", or "0" for no hidden layer (as <c>--layers</c> takes it).</summary>
    public string LayersText => Layers.Count == 0 ? "0" : string.Join(",", Layers);

    /// <summary><paramref name="config"/> with these hyperparameters in place of its own.</summary>
    public RunConfig Apply(RunConfig config) => config with
    {
        Layers = Layers,
        Activation = Activation,
        LearningRate = LearningRate,
        BatchSize = BatchSize,
    };
}

/// <summary>
/// The values a hyperparameter search may try for each hyperparameter; a combination is one value from each list.
/// Combinations are numbered in grid order: the batch size varies fastest, then λ, the activation, the layers.
/// </summary>
public sealed record SearchSpace
{
    /// <summary>The most trials one search may run.</summary>
    public const int MaxTrials = 10_000;

    /// <summary>Hidden-layer sizes to try, one list per candidate network.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> Layers { get; init; }

    /// <summary>Hidden activations to try.</summary>
    public required IReadOnlyList<Activation> Activations { get; init; }

    /// <summary>Learning rates to try.</summary>
    public required IReadOnlyList<double> LearningRates { get; init; }

    /// <summary>Batch sizes to try.</summary>
    public required IReadOnlyList<int> BatchSizes { get; init; }

    /// <summary>The number of combinations (saturating at <see cref="long.MaxValue"/> is not needed: each list
    /// is short, the product is checked against <see cref="MaxTrials"/> for a grid).</summary>
    public long Count => (long)Layers.Count * Activations.Count * LearningRates.Count * BatchSizes.Count;

    /// <summary>Combination <paramref name="index"/> in grid order.</summary>
    public TrialParameters At(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var batch = BatchSizes[(int)(index % BatchSizes.Count)];
        index /= BatchSizes.Count;
        var lr = LearningRates[(int)(index % LearningRates.Count)];
        index /= LearningRates.Count;
        var activation = Activations[(int)(index % Activations.Count)];
        index /= Activations.Count;
        return new TrialParameters(Layers[(int)index], activation, lr, batch);
    }

    /// <summary>Every combination, in grid order.</summary>
    /// <exception cref="RunConfigException">There are more than <see cref="MaxTrials"/> combinations.</exception>
    public IReadOnlyList<TrialParameters> Grid()
    {
        Validate();
        if (Count > MaxTrials)
        {
            throw new RunConfigException("--grid", Invariant(
                $"{Count} combinations is more than {MaxTrials}; shorten the lists or use --random N"));
        }

        return [.. Enumerable.Range(0, (int)Count).Select(i => At(i))];
    }

    /// <summary><paramref name="trials"/> distinct combinations drawn without replacement with a generator seeded
    /// <paramref name="seed"/>, in grid order: the same seed draws the same trials.</summary>
    /// <exception cref="RunConfigException"><paramref name="trials"/> is below 1 or above the number of
    /// combinations.</exception>
    public IReadOnlyList<TrialParameters> Random(int trials, ulong seed)
    {
        Validate();
        if (trials < 1 || trials > MaxTrials)
        {
            throw new RunConfigException("--random", Invariant(
                $"must be a whole number from 1 to {MaxTrials} (trials to draw), got {trials}"));
        }

        if (trials > Count)
        {
            throw new RunConfigException("--random", Invariant(
                $"{trials} trials is more than the {Count} combinations; use --grid to try them all"));
        }

        // Floyd's sampling: `trials` distinct indices out of Count without a table of all of them.
        var rng = new Rng(Rng.DeriveSeed(seed, 0x5EA4C4));
        var chosen = new SortedSet<long>();
        for (var j = Count - trials; j < Count; j++)
        {
            var t = (long)(rng.NextDouble() * (j + 1));
            chosen.Add(chosen.Contains(t) ? j : t);
        }

        return [.. chosen.Select(At)];
    }

    /// <summary>Throws naming the option of the first empty list or bad value.</summary>
    /// <exception cref="RunConfigException">A list is empty or holds a value that cannot work.</exception>
    public void Validate()
    {
        if (Layers.Count == 0 || Layers.Any(l => l.Any(n => n < 1)))
        {
            throw new RunConfigException("--layers-grid",
                "needs networks separated by ';', each a list of neurons >= 1 per layer, e.g. 32;64,64");
        }

        if (Activations.Count == 0 || Activations.Any(a => !Enum.IsDefined(a)))
        {
            throw new RunConfigException("--activations", "needs activations such as tanh,relu");
        }

        if (LearningRates.Count == 0 || LearningRates.Any(lr => !(lr > 0) || !double.IsFinite(lr)))
        {
            throw new RunConfigException("--lrs", "needs learning rates > 0, e.g. 1e-3,1e-2");
        }

        if (BatchSizes.Count == 0 || BatchSizes.Any(b => b < 1))
        {
            throw new RunConfigException("--batches", "needs batch sizes >= 1, e.g. 32,64");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
