namespace Astrograd.Data.Fits;

/// <summary>A BINTABLE read from a FITS file: the table, where it came from, and what the reader noticed.</summary>
public sealed class FitsTable
{
    internal FitsTable(DataTable table, FitsHdu hdu, IReadOnlyList<FitsHdu> hdus, IReadOnlyList<FitsColumn> columns,
        IReadOnlyList<string> warnings)
    {
        Table = table;
        Hdu = hdu;
        Hdus = hdus;
        Columns = columns;
        Warnings = warnings;
    }

    /// <summary>
    /// The table: one numeric column per number or logical element (1/0, NaN when missing), one text column per
    /// string field (<c>""</c> when missing); vector fields give <c>NAME_0</c>, <c>NAME_1</c>, ….
    /// </summary>
    public DataTable Table { get; }

    /// <summary>The HDU the table was read from.</summary>
    public FitsHdu Hdu { get; }

    /// <summary>The HDUs found in the file, in order (any after a damaged one left out, with a warning).</summary>
    public IReadOnlyList<FitsHdu> Hdus { get; }

    /// <summary>The fields of the BINTABLE as its header describes them.</summary>
    public IReadOnlyList<FitsColumn> Columns { get; }

    /// <summary>
    /// One line each, naming the file and HDU: missing padding after complete data, bytes after the last HDU,
    /// repeated keywords, keywords that do not apply to a column, a damaged HDU after the table.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }
}
