using System.Globalization;

// The tests change the process-wide default culture: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Astrograd.CultureTests;

/// <summary>
/// Runs code with a culture as the current (and default thread) culture, then restores the previous ones, so that
/// worker threads started meanwhile see it too.
/// </summary>
internal static class CultureScope
{
    public static CultureInfo German { get; } = CultureInfo.GetCultureInfo("de-DE");

    public static T Run<T>(CultureInfo culture, Func<T> action)
    {
        var (current, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var (defaultCulture, defaultUi) = (CultureInfo.DefaultThreadCurrentCulture,
            CultureInfo.DefaultThreadCurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = culture;
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (current, ui);
            (CultureInfo.DefaultThreadCurrentCulture, CultureInfo.DefaultThreadCurrentUICulture) =
                (defaultCulture, defaultUi);
        }
    }

    /// <summary>The same work under the invariant culture and under de-DE.</summary>
    public static (T Invariant, T German) Both<T>(Func<T> action) =>
        (Run(CultureInfo.InvariantCulture, action), Run(German, action));
}
