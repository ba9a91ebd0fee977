using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Astrograd.Cli.Commands;
using Astrograd.Runs;

namespace Astrograd.Cli.Configuration;

/// <summary>
/// <c>config.toml</c> of a search's <c>best/</c> run directory: the options of <c>train</c> that the best trial was,
/// namely the search's own options that train takes too, with the trial's layers, activation, learning rate and batch
/// size in place of the lists, so that <c>astrograd train --config best/config.toml</c> trains the same network bit
/// for bit.
/// </summary>
internal static class TrialConfig
{
    // Set by the trial itself; the search's --layers and the like are its defaults, not the trial's values.
    private static readonly string[] _trialOptions = ["--layers", "--activation", "--lr", "--batch"];

    /// <summary>The TOML text for <paramref name="trial"/> of the search <paramref name="search"/>, for a run
    /// written to <paramref name="runDirectory"/>.</summary>
    public static string Toml(ParseResult search, TrialParameters trial, string runDirectory, CliOutput output)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(trial);
        var train = new TrainCommand().Create(output);
        var trainOptions = train.Options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var words = new List<string>();
        foreach (var given in search.CommandResult.Children.OfType<OptionResult>())
        {
            var name = given.Option.Name;
            if (!given.Implicit && trainOptions.Contains(name) && !_trialOptions.Contains(name)
                && !ResolvedConfig.IsNotRecorded(name))
            {
                words.Add(name);
                words.AddRange(given.Tokens.Select(t => t.Value));
            }
        }

        words.AddRange(["--layers", trial.LayersText, "--activation", trial.Activation.ToName(),
            "--lr", trial.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            "--batch", trial.BatchSize.ToString(CultureInfo.InvariantCulture)]);
        var parse = train.Parse(words);
        if (parse.Errors.Count > 0)
        {
            // The search has parsed and checked every one of these values already.
            throw new InvalidOperationException(
                $"search: the best trial's train options do not parse: {parse.Errors[0].Message}");
        }

        return ResolvedConfig.Toml(parse, runDirectory);
    }
}
