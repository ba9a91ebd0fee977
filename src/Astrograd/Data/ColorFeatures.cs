namespace Astrograd.Data;

/// <summary>
/// Colours from magnitudes, as photometric redshifts use them: for bands b₀ … b_{k−1} in wavelength order,
/// the k − 1 features b₀ − b₁, b₁ − b₂, …, named <c>"u-g"</c>, <c>"g-r"</c>, … after the band columns.
/// A colour is NaN when either magnitude is missing (or ±∞), so missing magnitudes become missing colours.
/// </summary>
/// <remarks>
/// A colour is a flux ratio: it does not change when an object is moved farther away, which is why it carries
/// the redshift's imprint on the spectrum better than the magnitudes do. Training uses the colours instead of
/// the band magnitudes; list a magnitude in <c>--features</c> to keep it as well (one, e.g. r, gives the network
/// the brightness that the colours leave out).
/// </remarks>
public sealed class ColorFeatures
{
    private ColorFeatures(string[] bands)
    {
        Bands = bands;
        Names = [.. bands.Zip(bands.Skip(1), (a, b) => $"{a}-{b}")];
    }

    /// <summary>The magnitude columns, in wavelength order.</summary>
    public IReadOnlyList<string> Bands { get; }

    /// <summary>The colour features' names, <c>"u-g"</c>, <c>"g-r"</c>, …, one fewer than the bands.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Colours of <paramref name="bands"/> (at least two distinct, non-empty column names).</summary>
    /// <exception cref="ArgumentException">Fewer than two bands, an empty name, or a band listed twice; the
    /// message says which.</exception>
    public static ColorFeatures Of(IReadOnlyList<string> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Count < 2 || bands.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"colours need two or more magnitude columns in wavelength order, e.g. " +
                $"u,g,r,i,z; got '{string.Join(",", bands)}'", nameof(bands));
        }

        var twice = bands.GroupBy(b => b, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ArgumentException($"the band '{twice.Key}' is listed {twice.Count()} times; list each " +
                "magnitude column once", nameof(bands));
        }

        return new ColorFeatures([.. bands.Select(b => b.Trim())]);
    }

    /// <summary>
    /// <paramref name="table"/> with the colour columns appended, computed from its band columns (read by name;
    /// their sentinels must already be NaN).
    /// </summary>
    /// <exception cref="DataException">A band column is missing, holds text or held an unreadable cell, or the
    /// table already has a column named like a colour.</exception>
    public DataTable AddTo(DataTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var source = table.Source;
        var bands = new DataColumn[Bands.Count];
        for (var b = 0; b < bands.Length; b++)
        {
            bands[b] = table[Bands[b]];
            CellFault.ThrowIfAny(bands[b], source);
            if (bands[b].Kind != ColumnKind.Numeric)
            {
                throw DataException.At($"--colors: magnitude column '{Bands[b]}' holds text; magnitudes must be " +
                    "numbers", source, column: Bands[b]);
            }
        }

        var colors = new DataColumn[Names.Count];
        for (var k = 0; k < colors.Length; k++)
        {
            if (table.TryGetIndex(Names[k], out _))
            {
                throw DataException.At($"--colors: the table already has a column named '{Names[k]}', the name of " +
                    "a derived colour; rename that column", source, column: Names[k]);
            }

            var blue = bands[k].Numbers;
            var red = bands[k + 1].Numbers;
            var values = new double[table.RowCount];
            for (var r = 0; r < values.Length; r++)
            {
                var d = blue[r] - red[r];

                // ∞ − ∞ is NaN already; a finite minus an infinite magnitude is no colour either.
                values[r] = double.IsFinite(d) ? d : double.NaN;
            }

            colors[k] = DataColumn.Own(Names[k], values);
        }

        return new DataTable(table.Columns.Concat(colors), source);
    }
}
