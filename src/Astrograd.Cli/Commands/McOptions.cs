using System.CommandLine;
using Astrograd.Data;
using Astrograd.Runs;

namespace Astrograd.Cli.Commands;

/// <summary><c>predict --mc-samples N [--seed S]</c>: Monte Carlo dropout.</summary>
internal sealed class McOptions
{
    private McOptions(Option<int?> samples, Option<ulong> seed)
    {
        Samples = samples;
        Seed = seed;
    }

    /// <summary>--mc-samples N.</summary>
    public Option<int?> Samples { get; }

    /// <summary>--seed S, of the dropout masks.</summary>
    public Option<ulong> Seed { get; }

    public static McOptions Create() => new(
        new Option<int?>("--mc-samples")
        {
            Description = "Monte Carlo dropout: N >= 2 passes with dropout kept on; writes the mean and standard " +
                "deviation of each prediction (needs a model trained with --dropout).",
            HelpName = "N",
        },
        OptionParsing.Seed("--seed", "Seed of the Monte Carlo dropout masks.", 42));

    /// <summary>N, or null without --mc-samples.</summary>
    /// <exception cref="CliUsageException">N &lt; 2.</exception>
    public int? Parse(ParseResult parse)
    {
        var n = parse.GetValue(Samples);
        if (n is < 2 or > 100_000)
        {
            throw new CliUsageException(FormattableString.Invariant(
                $"--mc-samples: must be a whole number from 2 to 100000 (passes with dropout on), got {n}"));
        }

        return n;
    }

    /// <summary>The Monte Carlo columns of <paramref name="model"/> on <paramref name="table"/>.</summary>
    /// <exception cref="CliUsageException">The model has no dropout.</exception>
    public static PredictionTable Run(TrainedModel model, DataTable table, int samples, ulong seed)
    {
        try
        {
            return PredictionTable.MonteCarlo(model, McDropout.Sample(model, table, samples, seed));
        }
        catch (InvalidOperationException e)
        {
            throw new CliUsageException($"--mc-samples: {e.Message}", e);
        }
    }
}
