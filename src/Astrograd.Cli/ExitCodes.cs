namespace Astrograd.Cli;

/// <summary>The process exit codes of every astrograd command.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>A data or runtime error: a file that cannot be read or written, values that make no sense.</summary>
    public const int Failure = 1;

    /// <summary>A usage error: an unknown option, a bad option value, an expression that does not parse.</summary>
    public const int Usage = 2;
}
