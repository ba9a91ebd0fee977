using System.Globalization;

namespace Astrograd.Tests.Fuzz;

/// <summary>
/// How many cases each fuzz property runs. The default keeps the whole fuzz suite to a few seconds in CI;
/// <c>fuzz/run.sh</c> raises it through <c>ASTROGRAD_FUZZ_ITERATIONS</c> for a longer campaign.
/// </summary>
internal static class FuzzBudget
{
    public const string Variable = "ASTROGRAD_FUZZ_ITERATIONS";

    private const int DefaultIterations = 150;

    /// <summary>The cases per property: the environment's value when it is a positive whole number.</summary>
    public static long Iterations =>
        long.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture,
            out var n) && n > 0 ? n : DefaultIterations;

    /// <summary>An optional CsCheck seed (<c>ASTROGRAD_FUZZ_SEED</c>) to replay a reported failure.</summary>
    public static string? Seed => Environment.GetEnvironmentVariable("ASTROGRAD_FUZZ_SEED") is { Length: > 0 } s
        ? s
        : null;

    /// <summary>A hang guard, not a speed check: one reader call on a few kilobytes never needs this long.</summary>
    public static TimeSpan HangLimit => TimeSpan.FromSeconds(20);
}
