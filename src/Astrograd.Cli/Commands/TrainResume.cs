using System.CommandLine;
using System.Globalization;
using Astrograd.Runs;

namespace Astrograd.Cli.Commands;

/// <summary>
/// <c>train --checkpoint-every N</c> and <c>train --resume DIR</c>: the options, and the checks that a resume makes
/// before anything is read (no other run option, a directory that holds a checkpoint, the same data).
/// </summary>
internal sealed class TrainResume
{
    public TrainResume()
    {
        // No default value: config.toml then records it as not set, which a replay reads back as left out.
        Every = new Option<int?>("--checkpoint-every")
        {
            Description = "Write a checkpoint (weights, optimizer, schedule, random streams, history) into the run " +
                "directory every N epochs; Ctrl-C or SIGTERM always writes one.",
            HelpName = "N",
        };
        Directory = RunOptions.Text("--resume",
            "Continue the interrupted run in DIR from its checkpoint, with the options it was started with.", "DIR");
    }

    public Option<int?> Every { get; }

    public Option<string?> Directory { get; }

    /// <summary>The checkpoint interval given, or null when --checkpoint-every was left out.</summary>
    public int? EveryGiven(ParseResult parse)
    {
        if (parse.GetValue(Every) is not { } every)
        {
            return null;
        }

        return every >= 1
            ? every
            : throw new RunConfigException("--checkpoint-every", string.Create(CultureInfo.InvariantCulture,
                $"must be a whole number >= 1 (epochs between checkpoints), got {every}"));
    }

    /// <summary>The checkpoint of --resume, or null without it.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="fixedByCheckpoint">The options a resume takes from the checkpoint; giving one is refused.
    /// </param>
    /// <exception cref="RunConfigException">Another run option is given, or DIR is not an interrupted run.
    /// </exception>
    public Checkpoint? Load(ParseResult parse, IEnumerable<Option> fixedByCheckpoint)
    {
        if (parse.GetValue(Directory) is not { } directory)
        {
            return null;
        }

        var given = fixedByCheckpoint.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false });
        if (given is not null)
        {
            throw new RunConfigException("--resume",
                $"continues a run with the options its checkpoint holds; leave out {given.Name}");
        }

        if (!System.IO.Directory.Exists(directory))
        {
            throw new RunConfigException("--resume", $"directory '{directory}' does not exist");
        }

        if (!File.Exists(Checkpoint.PathIn(directory)))
        {
            throw File.Exists(Path.Combine(directory, TrainedModel.CardFile))
                ? new RunConfigException("--resume", $"'{directory}' is a finished run (it holds " +
                    $"{TrainedModel.CardFile} and no {Checkpoint.FileName}); there is nothing to resume")
                : new RunConfigException("--resume", $"'{directory}' holds no {Checkpoint.FileName}; give the run " +
                    "directory of an interrupted 'astrograd train'");
        }

        var checkpoint = Checkpoint.Read(directory);
        if (checkpoint.Config.DataPath is { } data && File.Exists(data) && !DataFile.HasLength(data))
        {
            // A pipe would be read twice here (checked, then trained on), and a named one would wait for a writer.
            throw new RunConfigException("--resume", $"the data file '{data}' is empty or not a regular file (a " +
                "pipe?); a resume reads the table twice, to check it against the checkpoint and to train, so it " +
                "needs the table saved in a file");
        }

        if (Checkpoint.FingerprintOf(checkpoint.Config.DataPath) != checkpoint.DataFingerprint)
        {
            throw new RunConfigException("--resume", $"the data file '{checkpoint.Config.DataPath}' is missing " +
                "or has changed since the checkpoint was written (its SHA-256 differs); a resume needs the same table");
        }

        return checkpoint;
    }
}
