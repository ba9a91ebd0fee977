namespace Astrograd.Data;

/// <summary>
/// A cell a reader could not use, held back with its column (<see cref="DataColumn.Fault"/>) so that only a
/// table's used columns can stop a run: a stray word in a column nobody asked for is no reason to refuse a file.
/// </summary>
/// <param name="Line">The cell's 1-based line in the file.</param>
/// <param name="Message">What was expected and found, as the reader would have said it.</param>
/// <param name="Count">How many cells of the column were unusable (each is NaN in the column).</param>
public sealed record CellFault(int Line, string Message, int Count)
{
    /// <summary>Throws the reader's own error for the first unusable cell of <paramref name="column"/>, if it has
    /// one: <c>file, line N, column 'c': expected a number …</c>.</summary>
    /// <exception cref="DataException">The column has a fault.</exception>
    public static void ThrowIfAny(DataColumn column, string? source)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.Fault is { } fault)
        {
            throw DataException.At(fault.Message, source, fault.Line, column.Name);
        }
    }
}
