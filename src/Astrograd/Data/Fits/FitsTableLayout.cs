using System.Globalization;

namespace Astrograd.Data.Fits;

/// <summary>
/// The layout of a BINTABLE read from its header and checked before any data are allocated: the fields, their
/// offsets within a row, the row length (NAXIS1, which must equal the sum of the fields' widths) and the row
/// count (NAXIS2). The data's presence in the file is checked by the caller against <see cref="FitsHdu"/>.
/// </summary>
internal sealed class FitsTableLayout
{
    /// <summary>
    /// The most table columns one HDU may give (vector elements counted one by one): each costs an object and a
    /// name even with few rows, so a forged repeat count could otherwise ask for millions of them.
    /// </summary>
    public const int MaxFeatures = 1 << 16;

    private FitsTableLayout(IReadOnlyList<FitsColumn> columns, long rowLength, int rows)
    {
        Columns = columns;
        RowLength = rowLength;
        Rows = rows;
    }

    public IReadOnlyList<FitsColumn> Columns { get; }

    public long RowLength { get; }

    public int Rows { get; }

    /// <exception cref="DataException">A required keyword is missing or wrong, a TFORM is malformed or not read,
    /// the widths do not add up to NAXIS1, or two columns get the same name.</exception>
    public static FitsTableLayout Read(FitsHeader header, ICollection<string> warnings)
    {
        var place = header.Place;
        _ = header.RequireInteger("BITPIX", 8, 8);
        _ = header.RequireInteger("NAXIS", 2, 2);
        var rowLength = header.RequireInteger("NAXIS1", 0, long.MaxValue);
        var rows = header.RequireInteger("NAXIS2", 0, long.MaxValue);
        _ = header.RequireInteger("PCOUNT", 0, long.MaxValue);
        _ = header.RequireInteger("GCOUNT", 1, 1);
        var fields = (int)header.RequireInteger("TFIELDS", 0, 999);
        if (rows > int.MaxValue)
        {
            throw place.Error(string.Create(CultureInfo.InvariantCulture,
                $"NAXIS2 = {rows} rows; a table holds at most {int.MaxValue} rows"));
        }

        var columns = new List<FitsColumn>(fields);
        var owners = new Dictionary<string, FitsColumn>(StringComparer.Ordinal);
        long offset = 0;
        var features = 0;
        for (var n = 1; n <= fields; n++)
        {
            var column = ReadColumn(header, n, offset, MaxFeatures - features, warnings);
            features += column.FeatureNames.Count;

            foreach (var name in column.FeatureNames)
            {
                if (!owners.TryAdd(name, column))
                {
                    throw place.Error($"{column} and {owners[name]} both give a column named '{name}' (vector " +
                        "elements are named NAME_0, NAME_1, ...); rename one of them");
                }
            }

            columns.Add(column);
            try
            {
                offset = checked(offset + column.Format.RowBytes);
            }
            catch (OverflowException)
            {
                throw place.Error($"{column}: the row length passes 2^63 bytes; the header is damaged");
            }
        }

        if (offset != rowLength)
        {
            throw place.Error(string.Create(CultureInfo.InvariantCulture,
                $"the columns' TFORMs give {offset} bytes per row, NAXIS1 says {rowLength}; the header is damaged"));
        }

        return new FitsTableLayout(columns, rowLength, (int)rows);
    }

    private static FitsColumn ReadColumn(FitsHeader header, int n, long offset, long featuresLeft,
        ICollection<string> warnings)
    {
        var place = header.Place;
        string Key(string stem) => string.Create(CultureInfo.InvariantCulture, $"{stem}{n}");

        var tform = header.GetText(Key("TFORM"))
            ?? throw header.Missing(Key("TFORM"), string.Create(CultureInfo.InvariantCulture,
                $"column {n}: the required keyword TFORM{n} is missing (TFIELDS = {header.Find("TFIELDS")!.Value})"));
        var name = header.GetText(Key("TTYPE")) is { Length: > 0 } given ? given : Key("col");
        if (!FitsColumnFormat.TryParse(tform, out var format))
        {
            throw place.Error($"column {n} '{name}': TFORM{n} = '{tform}' is not a binary-table format; " +
                "expected a repeat count and one of L, X, B, I, J, K, A, E, D, C, M, P, Q (e.g. '1D', '3I', '16A')");
        }

        if (format.Unsupported is { } why)
        {
            throw place.Error($"column {n} '{name}' has TFORM{n} = '{tform}': {why}; remove the column from the " +
                "file (e.g. with astropy or fitsio) to read the others");
        }

        // Checked before the names are made: a forged repeat count must not cost memory.
        if (format.Features > featuresLeft)
        {
            throw place.Error(string.Create(CultureInfo.InvariantCulture,
                $"column {n} '{name}' (TFORM '{tform}') brings the table to more than {MaxFeatures} columns " +
                $"(vector elements count one by one); remove columns from the file to read it"));
        }

        var scale = header.GetReal(Key("TSCAL"));
        var zero = header.GetReal(Key("TZERO"));
        var isInteger = format.Code is 'B' or 'I' or 'J' or 'K';
        var nullValue = header.Find(Key("TNULL")) is null ? null : header.GetInteger(Key("TNULL"));
        if (nullValue is not null && !isInteger)
        {
            warnings.Add(place.Warning($"column {n} '{name}' (TFORM '{tform}') has TNULL{n}, which only integer " +
                "columns use; ignored" + (format.Code is 'E' or 'D' ? " (NaN marks missing floats)" : string.Empty)));
            nullValue = null;
        }

        if ((scale is not null || zero is not null) && format.Code is 'L' or 'A')
        {
            warnings.Add(place.Warning(
                $"column {n} '{name}' (TFORM '{tform}') has TSCAL{n} or TZERO{n}, which do not apply to it; ignored"));
            scale = zero = null;
        }

        var featureNames = format.Features switch
        {
            0 => [],
            1 => [name],
            var r => Enumerable.Range(0, (int)r)
                .Select(i => string.Create(CultureInfo.InvariantCulture, $"{name}_{i}")).ToArray(),
        };
        return new FitsColumn(n, name, format, offset, scale ?? 1.0, zero ?? 0.0, nullValue,
            header.Find(Key("TUNIT"))?.Value, featureNames);
    }
}
