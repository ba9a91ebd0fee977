namespace Astrograd.Cli;

/// <summary>The command line was used wrongly (a bad option value); reported in one line with exit code 2.</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException()
        : base("invalid usage")
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The input data or the file system let the command down; reported in one line with exit code 1.</summary>
public sealed class CliDataException : Exception
{
    public CliDataException(string message)
        : base(message)
    {
    }

    public CliDataException()
        : base("the command failed")
    {
    }

    public CliDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
