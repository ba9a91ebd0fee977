namespace Astrograd.Data;

/// <summary>A table embedded in the library, as listed by <see cref="Datasets.All"/>.</summary>
/// <param name="Name">The name to open it by (case-insensitive), e.g. <c>htru2</c>.</param>
/// <param name="Description">One line on what the table is.</param>
/// <param name="Rows">The number of data rows.</param>
/// <param name="Columns">The column names, in file order.</param>
/// <param name="Target">The column to predict.</param>
/// <param name="Task">What the target asks for, e.g. <c>binary classification</c>.</param>
/// <param name="Citation">What to cite when using it.</param>
/// <param name="Licence">The licence the publisher states.</param>
public sealed record DatasetInfo(
    string Name,
    string Description,
    int Rows,
    IReadOnlyList<string> Columns,
    string Target,
    string Task,
    string Citation,
    string Licence);
