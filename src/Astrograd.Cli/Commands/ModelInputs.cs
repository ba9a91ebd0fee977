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

    public static DataTable LoadTable(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliDataException($"--data: file '{path}' does not exist");
        }

        return CsvReader.ReadFile(path);
    }
}
