namespace Astrograd;

/// <summary>Facts about the library build.</summary>
public static class AstrogradInfo
{
    /// <summary>The library's version, as stored in saved models.</summary>
    public static string Version { get; } =
        typeof(AstrogradInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
