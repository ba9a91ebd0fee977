using System.Globalization;

namespace Astrograd.Data;

/// <summary>
/// Fills missing feature values (NaN, ±∞) with the median of the feature over the training rows only, and adds a
/// 0/1 indicator feature <c>&lt;name&gt;_missing</c> for each feature that had missing values among the training
/// rows, so that the network can tell a filled value from a measured one.
/// </summary>
/// <remarks>
/// The median, not the mean: magnitudes of faint objects have long tails, and a mean would follow them. Fitted on
/// the training rows, as the standardisation is, so that no validation or test value leaks into the model. A
/// feature without missing training values gets no indicator (it would be constant 0), but still has a median,
/// which fills its missing values in validation, test or prediction rows.
/// </remarks>
public sealed class Imputer
{
    /// <summary>The suffix of an indicator feature's name.</summary>
    public const string IndicatorSuffix = "_missing";

    private readonly string[] _columns;
    private readonly double[] _medians;
    private readonly bool[] _indicators;

    private Imputer(string[] columns, double[] medians, bool[] indicators)
    {
        _columns = columns;
        _medians = medians;
        _indicators = indicators;
    }

    /// <summary>The features it fills, in model order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The training median of each feature.</summary>
    public IReadOnlyList<double> Medians => _medians;

    /// <summary>Whether each feature has an indicator.</summary>
    public IReadOnlyList<bool> HasIndicator => _indicators;

    /// <summary>The indicator features' names, in the order of <see cref="Columns"/>.</summary>
    public IReadOnlyList<string> IndicatorNames =>
        [.. _columns.Where((_, j) => _indicators[j]).Select(c => c + IndicatorSuffix)];

    /// <summary>Fits on the rows <paramref name="trainRows"/> (0-based) of the numeric <paramref name="columns"/>.
    /// </summary>
    /// <exception cref="DataException">A feature has no finite value among the training rows.</exception>
    public static Imputer Fit(DataTable table, IReadOnlyList<int> columns, ReadOnlySpan<int> trainRows)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var names = new string[columns.Count];
        var medians = new double[columns.Count];
        var indicators = new bool[columns.Count];
        var values = new List<double>(trainRows.Length);
        for (var j = 0; j < columns.Count; j++)
        {
            var column = table.Columns[columns[j]];
            var numbers = column.Numbers;
            values.Clear();
            foreach (var r in trainRows)
            {
                if (double.IsFinite(numbers[r]))
                {
                    values.Add(numbers[r]);
                }
            }

            if (values.Count == 0)
            {
                throw DataException.At(string.Create(CultureInfo.InvariantCulture,
                    $"--on-missing impute: feature '{column.Name}' has no value in any of the {trainRows.Length} " +
                    $"training rows, so there is no median to fill it with; leave it out of --features"),
                    table.Source, column: column.Name);
            }

            names[j] = column.Name;
            medians[j] = Median(values);
            indicators[j] = values.Count < trainRows.Length;
        }

        return new Imputer(names, medians, indicators);
    }

    /// <summary>An imputer from saved state (model.json).</summary>
    /// <exception cref="ArgumentException">The lists differ in length, or a median is not finite.</exception>
    public static Imputer FromState(IReadOnlyList<string> columns, IReadOnlyList<double> medians,
        IReadOnlyList<bool> indicators)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(medians);
        ArgumentNullException.ThrowIfNull(indicators);
        if (columns.Count != medians.Count || columns.Count != indicators.Count || !medians.All(double.IsFinite))
        {
            throw new ArgumentException("Imputer: needs one finite median and one indicator flag per column.",
                nameof(medians));
        }

        return new Imputer([.. columns], [.. medians], [.. indicators]);
    }

    /// <summary>The middle value of <paramref name="values"/> (the mean of the two middle ones for an even
    /// count); the list is sorted in place.</summary>
    public static double Median(List<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfZero(values.Count, nameof(values));
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] / 2) + (values[mid] / 2);
    }

    /// <summary>
    /// <paramref name="table"/> with the missing values of <see cref="Columns"/> (found by name) replaced by their
    /// medians, and the indicator columns appended (1 where the value was missing, else 0).
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="filled">The number of cells filled.</param>
    /// <exception cref="DataException">A column is missing, or the table already has an indicator's name.</exception>
    public DataTable Apply(DataTable table, out int filled)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Columns.ToArray();
        var added = new List<DataColumn>();
        filled = 0;
        for (var j = 0; j < _columns.Length; j++)
        {
            var index = table.IndexOf(ColumnRef.FromName(_columns[j]));
            var values = columns[index].Numbers.ToArray();
            var flags = _indicators[j] ? new double[values.Length] : null;
            for (var r = 0; r < values.Length; r++)
            {
                if (!double.IsFinite(values[r]))
                {
                    values[r] = _medians[j];
                    filled++;
                    if (flags is not null)
                    {
                        flags[r] = 1;
                    }
                }
            }

            columns[index] = columns[index].WithNumbers(values);
            if (flags is not null)
            {
                var name = _columns[j] + IndicatorSuffix;
                if (table.TryGetIndex(name, out _))
                {
                    throw DataException.At($"--on-missing impute: the table already has a column named '{name}', " +
                        $"the name of the indicator of '{_columns[j]}'; rename that column", table.Source,
                        column: name);
                }

                added.Add(DataColumn.Own(name, flags));
            }
        }

        return new DataTable(columns.Concat(added), table.Source);
    }
}
