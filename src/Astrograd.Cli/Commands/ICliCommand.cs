using System.CommandLine;

namespace Astrograd.Cli.Commands;

/// <summary>
/// One subcommand of astrograd, defined in its own file and registered by one line in
/// <see cref="CliApp"/>. Its action returns an exit code and reports failures by throwing: a
/// <see cref="CliUsageException"/> (exit 2), a <see cref="CliDataException"/> (exit 1), or one of the
/// exception types <see cref="CliApp"/> maps to a one-line error.
/// </summary>
public interface ICliCommand
{
    /// <summary>Builds the command (arguments, options, action), writing to <paramref name="output"/>.</summary>
    Command Create(CliOutput output);
}
