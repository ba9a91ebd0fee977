using System.CommandLine;
using System.Globalization;
using Astrograd.Data;
using Astrograd.Runs;

namespace Astrograd.Cli.Commands;

/// <summary>--missing, --on-missing and --colors: how raw catalogue columns become features.</summary>
internal sealed class MissingOptions
{
    private readonly Option<string?> _missing = RunOptions.Text("--missing",
        "Sentinel values that mean missing in the used columns, e.g. -9999 or -9999,-99 (NaN and empty cells, and " +
        "FITS nulls, always are).", "VALUES");

    private readonly Option<string?> _onMissing = RunOptions.Text("--on-missing",
        "Missing feature values: refuse (default; names columns and rows), drop (their rows), impute (training " +
        "median plus a 0/1 <feature>_missing indicator). Rows without a label are masked out of the loss.",
        "refuse|drop|impute");

    private readonly Option<string?> _colors = RunOptions.Text("--colors",
        "Magnitude columns in wavelength order, e.g. u,g,r,i,z: their colours u-g, g-r, … replace them as " +
        "features (list a magnitude in --features to keep it too).", "BANDS");

    /// <summary>The three options, in help order.</summary>
    public IEnumerable<Option> All => [_missing, _onMissing, _colors];

    /// <summary>The parsed values applied to <paramref name="config"/>.</summary>
    public RunConfig Apply(RunConfig config, ParseResult parse) => config with
    {
        Missing = Sentinels(parse.GetValue(_missing)),
        OnMissing = Policy(parse.GetValue(_onMissing)),
        Colors = OptionParsing.Columns(parse.GetValue(_colors)),
    };

    private static IReadOnlyList<double> Sentinels(string? text)
    {
        if (text is null)
        {
            return [];
        }

        var values = new List<double>();
        foreach (var part in text.Split(','))
        {
            if (!double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                throw new CliUsageException($"--missing: '{part}' is not a number; give sentinel values such as " +
                    "-9999 or -9999,-99");
            }

            values.Add(v);
        }

        return values;
    }

    private static MissingPolicy? Policy(string? text) => text is null ? null
        : MissingPolicyNames.TryParse(text, out var policy) ? policy
        : throw new CliUsageException($"--on-missing: '{text}' is not a policy; expected " +
            $"{string.Join(", ", MissingPolicyNames.Names)}");
}
