namespace Astrograd.Tests.Data;

// Paths of the small real-data excerpts copied next to the test assembly (see Data/Fixtures/README.md).
internal static class Fixtures
{
    public static string PhotoZHead => Path("photoz_boss_dr10_head.csv");

    public static string Sdss17Head => Path("sdss17_head.csv");

    public static string Htru2Sample => Path("htru2_sample.csv");

    private static string Path(string name) =>
        System.IO.Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", name);
}
