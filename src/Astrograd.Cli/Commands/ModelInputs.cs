using System.CommandLine;
using Astrograd.Data;
using Astrograd.Runs;

namespace Astrograd.Cli.Commands;

/// <summary>Shared loading of <c>--model DIR</c> and <c>--data FILE</c> for predict and evaluate.</summary>
internal static class ModelInputs
{
    public static Option<string> Required(string name, string description, string helpName) =>
        new(name) { Description = description, Required = true, HelpName = helpName };

    public static TrainedModel LoadModel(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new CliDataException($"--model: directory '{directory}' does not exist");
        }

        return TrainedModel.Load(directory);
    }

    /// <summary>Reads the CSV table of <c>--data</c>; a missing file or a directory is named in one line.</summary>
    public static DataTable LoadTable(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CliDataException($"--data: '{path}' is a directory; give a CSV file");
        }

        if (!File.Exists(path))
        {
            throw new CliDataException($"--data: file '{path}' does not exist");
        }

        return CsvReader.ReadFile(path);
    }
}
