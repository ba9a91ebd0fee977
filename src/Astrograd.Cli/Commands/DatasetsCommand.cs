using System.CommandLine;
using System.Globalization;
using Astrograd.Data;
using Spectre.Console;

namespace Astrograd.Cli.Commands;

/// <summary><c>astrograd datasets</c>: the tables embedded in the tool, with their size, target and citation.</summary>
internal sealed class DatasetsCommand : ICliCommand
{
    public const string Name = "datasets";

    public Command Create(CliOutput output)
    {
        var command = new Command(Name, "List the embedded datasets.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumn("name").AddColumn(new TableColumn("rows").RightAligned())
                .AddColumn(new TableColumn("columns").RightAligned()).AddColumn("target").AddColumn("task")
                .AddColumn("description");
            foreach (var d in Datasets.All)
            {
                table.AddRow(Markup.Escape(d.Name), d.Rows.ToString(CultureInfo.InvariantCulture),
                    d.Columns.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(d.Target),
                    Markup.Escape(d.Task),
                    Markup.Escape(d.Description));
            }

            output.Console.Write(table);
            foreach (var d in Datasets.All)
            {
                output.Console.WriteLine($"{d.Name}: {d.Citation} Licence: {d.Licence}", Style.Plain);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
