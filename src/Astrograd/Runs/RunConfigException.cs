namespace Astrograd.Runs;

/// <summary>
/// A run option has a value that cannot work: <c>--lr: must be a finite number > 0, got -1</c>. The message
/// starts with the option's command-line name, which <see cref="Option"/> also holds, so that a command line
/// can report it as a usage error.
/// </summary>
public sealed class RunConfigException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="option"/> (e.g. <c>--lr</c>).</summary>
    /// <param name="option">The option's command-line name.</param>
    /// <param name="what">What was expected and what was given; the message is <c>option: what</c>.</param>
    public RunConfigException(string option, string what)
        : base($"{option}: {what}")
    {
        Option = option;
    }

    /// <summary>Creates the exception with a complete message and no option.</summary>
    public RunConfigException(string message)
        : base(message)
    {
        Option = string.Empty;
    }

    /// <summary>Creates the exception with a complete message, wrapping the fault that caused it.</summary>
    public RunConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Option = string.Empty;
    }

    /// <summary>Creates the exception with no message of its own (for serializers and frameworks).</summary>
    public RunConfigException()
    {
        Option = string.Empty;
    }

    /// <summary>The option's command-line name, e.g. <c>--lr</c>; empty when not known.</summary>
    public string Option { get; }
}
