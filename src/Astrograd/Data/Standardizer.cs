using System.Globalization;

namespace Astrograd.Data;

/// <summary>The state of a fitted <see cref="Standardizer"/> as plain arrays, for saving with a model.</summary>
/// <param name="Names">The feature names, one per feature.</param>
/// <param name="Means">The training mean of each feature.</param>
/// <param name="Stds">The training population standard deviation of each feature (0 for a constant one).</param>
public sealed record StandardizerState(string[] Names, double[] Means, double[] Stds);

/// <summary>
/// Standardises features with statistics of the training rows only: z = (x − μ_j) / s_j, where μ_j is the
/// training mean of feature j, σ_j = √(Σ (x − μ_j)² / n) the population standard deviation (divisor n, not
/// n − 1) over the n training rows, and s_j = σ_j, or 1 when feature j is constant on the training rows
/// (σ_j = 0), which is then only shifted to 0 and reported in <see cref="Warnings"/>.
/// Matrices are row-major [rows, features].
/// </summary>
/// <remarks>
/// Fitting on all rows would leak the test rows into the model: with training x = [0, 2] and test x = [10],
/// this gives μ = 1, σ = 1 and a test z of 9 (fitting on all three rows would give 1.3887). NaN and ±∞ are
/// refused with a <see cref="DataException"/> naming the feature, in fitting and in transforming: they carry
/// no usable scale, and one ∞ would make a mean infinite. Drop or impute such rows first.
/// </remarks>
public sealed class Standardizer
{
    private readonly string[] _names;
    private readonly double[] _means;
    private readonly double[] _stds;
    private readonly double[] _scales;

    private Standardizer(string[] names, double[] means, double[] stds, IReadOnlyList<string> warnings)
    {
        _names = names;
        _means = means;
        _stds = stds;
        _scales = [.. stds.Select(s => s > 0 ? s : 1.0)];
        Warnings = warnings;
    }

    /// <summary>The feature names.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>μ_j, the training mean of each feature.</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>σ_j, the training population std (n divisor) of each feature; 0 when constant.</summary>
    public IReadOnlyList<double> Stds => _stds;

    /// <summary>s_j, the divisor used: σ_j, or 1 for a constant feature.</summary>
    public IReadOnlyList<double> Scales => _scales;

    /// <summary>The number of features.</summary>
    public int FeatureCount => _names.Length;

    /// <summary>What fitting noticed, one line each (e.g. a constant feature); empty when nothing.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Fits on every row of the row-major training matrix <paramref name="train"/>, shape
    /// [n, <paramref name="names"/>.Count].
    /// </summary>
    /// <exception cref="DataException">No rows, or a NaN or ±∞ value (named by feature and row).</exception>
    /// <exception cref="ArgumentException">The length is not a multiple of the feature count.</exception>
    public static Standardizer Fit(ReadOnlySpan<double> train, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var k = names.Count;
        ArgumentOutOfRangeException.ThrowIfZero(k, nameof(names));
        if (train.Length % k != 0)
        {
            throw new ArgumentException(
                $"Standardizer.Fit: {train.Length} values do not fill rows of {k} features.", nameof(train));
        }

        var n = train.Length / k;
        CheckRows(n);
        var means = new double[k];
        var stds = new double[k];
        var warnings = new List<string>();
        for (var j = 0; j < k; j++)
        {
            (means[j], stds[j]) = Moments(train, j, k, [], n, names[j], warnings);
        }

        return new Standardizer([.. names], means, stds, warnings);
    }

    /// <summary>
    /// Fits on the rows <paramref name="trainRows"/> of the numeric <paramref name="columns"/> of
    /// <paramref name="table"/>; the feature names are the column names.
    /// </summary>
    /// <exception cref="DataException">No rows, a text column, or a NaN or ±∞ value (named by column).</exception>
    public static Standardizer Fit(DataTable table, ReadOnlySpan<int> columns, ReadOnlySpan<int> trainRows)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfZero(columns.Length, nameof(columns));

        foreach (var r in trainRows)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(r, nameof(trainRows));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(r, table.RowCount, nameof(trainRows));
        }

        CheckRows(trainRows.Length);
        var k = columns.Length;
        var names = new string[k];
        var means = new double[k];
        var stds = new double[k];
        var warnings = new List<string>();
        for (var j = 0; j < k; j++)
        {
            var column = table[columns[j]];
            if (column.Kind != ColumnKind.Numeric)
            {
                throw DataException.At("cannot standardise a text column", table.Source, column: column.Name);
            }

            names[j] = column.Name;
            (means[j], stds[j]) = Moments(column.Numbers, 0, 1, trainRows, trainRows.Length, names[j], warnings);
        }

        return new Standardizer(names, means, stds, warnings);
    }

    /// <summary>Rebuilds a fitted standardiser from its saved <paramref name="state"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The arrays differ in length, a mean or std is not finite, or a std is negative.
    /// </exception>
    public static Standardizer FromState(StandardizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var k = state.Names.Length;
        if (k == 0 || state.Means.Length != k || state.Stds.Length != k)
        {
            throw new ArgumentException(
                $"Standardizer.FromState: {k} names, {state.Means.Length} means and {state.Stds.Length} stds; " +
                "all must be the same non-zero count.", nameof(state));
        }

        for (var j = 0; j < k; j++)
        {
            if (!double.IsFinite(state.Means[j]) || !double.IsFinite(state.Stds[j]) || state.Stds[j] < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Standardizer.FromState: feature '{state.Names[j]}' has mean {state.Means[j]} and std " +
                    $"{state.Stds[j]}; a finite mean and a finite std >= 0 are needed."), nameof(state));
            }
        }

        return new Standardizer([.. state.Names], [.. state.Means], [.. state.Stds], []);
    }

    /// <summary>The state as plain arrays (copies), for saving.</summary>
    public StandardizerState ToState() => new([.. _names], [.. _means], [.. _stds]);

    /// <summary>Standardises the row-major matrix <paramref name="rows"/> [m, FeatureCount] in place.</summary>
    /// <exception cref="DataException">A value is NaN or ±∞ (named by feature and row); nothing changes.</exception>
    public void Transform(Span<double> rows)
    {
        CheckLength(rows.Length);
        CheckFinite(rows);

        var k = _names.Length;
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (rows[i] - _means[i % k]) / _scales[i % k];
        }
    }

    /// <summary>
    /// Writes the standardised <paramref name="rows"/> [m, FeatureCount] to <paramref name="destination"/>
    /// as float32 (the engine's training precision).
    /// </summary>
    /// <exception cref="DataException">A value is NaN or ±∞ (named by feature and row).</exception>
    public void Transform(ReadOnlySpan<double> rows, Span<float> destination)
    {
        CheckLength(rows.Length);
        if (destination.Length != rows.Length)
        {
            throw new ArgumentException(
                $"Standardizer.Transform: destination holds {destination.Length} values, source {rows.Length}.",
                nameof(destination));
        }

        CheckFinite(rows);

        var k = _names.Length;
        for (var i = 0; i < rows.Length; i++)
        {
            destination[i] = (float)((rows[i] - _means[i % k]) / _scales[i % k]);
        }
    }

    /// <summary>
    /// Writes the standardised values of the numeric <paramref name="columns"/> of <paramref name="table"/> at
    /// <paramref name="rows"/> (all rows, in order, when null) to <paramref name="destination"/>, row-major
    /// [rows, FeatureCount], as float32: the same numbers as copying the rows out and calling
    /// <see cref="Transform(ReadOnlySpan{double}, Span{float})"/>, without the double-precision copy in between
    /// (for a 5-million-row table that copy is larger than the result).
    /// </summary>
    /// <exception cref="DataException">A column holds text, or a value is NaN or ±∞ (named by feature and
    /// position in <paramref name="rows"/>); <paramref name="destination"/> is then partly written.</exception>
    public void Transform(DataTable table, ReadOnlySpan<int> columns, int[]? rows, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(table);
        var k = _names.Length;
        if (columns.Length != k)
        {
            throw new ArgumentException(
                $"Standardizer.Transform: {columns.Length} columns for {k} features.", nameof(columns));
        }

        var n = rows?.Length ?? table.RowCount;
        if (destination.Length != (long)n * k)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Standardizer.Transform: destination holds {destination.Length} values, [{n}, {k}] needs " +
                $"{(long)n * k}."), nameof(destination));
        }

        var sources = new DataColumn[k];
        for (var j = 0; j < k; j++)
        {
            sources[j] = table.RequireNumeric(columns[j]);
        }

        // Row by row, as the copying path checked and wrote: the first bad value found and the row named
        // (the position in rows) are the same.
        for (var i = 0; i < n; i++)
        {
            var row = rows is null ? i : rows[i];
            for (var j = 0; j < k; j++)
            {
                var x = sources[j].Numbers[row];
                if (!double.IsFinite(x))
                {
                    throw NonFinite(_names[j], i, x, "transform");
                }

                destination[(i * k) + j] = (float)((x - _means[j]) / _scales[j]);
            }
        }
    }

    // Checked before any value changes, so a refused matrix is left as it was.
    private void CheckFinite(ReadOnlySpan<double> rows)
    {
        var k = _names.Length;
        for (var i = 0; i < rows.Length; i++)
        {
            if (!double.IsFinite(rows[i]))
            {
                throw NonFinite(_names[i % k], i / k, rows[i], "transform");
            }
        }
    }

    private void CheckLength(int length)
    {
        if (length % _names.Length != 0)
        {
            throw new ArgumentException(
                $"Standardizer.Transform: {length} values do not fill rows of {_names.Length} features.", "rows");
        }
    }

    private static void CheckRows(int n)
    {
        if (n == 0)
        {
            throw new DataException("Standardizer: no training rows to fit the means and standard deviations on.");
        }
    }

    // Mean and population std of one feature: value r is data[rows[r]] when rows are given, else
    // data[offset + r * stride]. Two passes (mean, then squared deviations) stay accurate for large offsets.
    private static (double Mean, double Std) Moments(ReadOnlySpan<double> data, int offset, int stride,
        ReadOnlySpan<int> rows, int n, string name, List<string> warnings)
    {
        var indexed = !rows.IsEmpty;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var r = 0; r < n; r++)
        {
            var x = indexed ? data[rows[r]] : data[offset + (r * stride)];
            if (!double.IsFinite(x))
            {
                throw NonFinite(name, indexed ? rows[r] : r, x, "fit");
            }

            sum += x;
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }

        // Equal values are constant even where rounding would leave a tiny nonzero variance.
        if (min == max)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"feature '{name}' is constant ({min:R}) on the {n} training rows; " +
                $"scale set to 1, so it is only shifted to 0"));
            return (min, 0);
        }

        var mean = sum / n;
        double squares = 0;
        for (var r = 0; r < n; r++)
        {
            var d = (indexed ? data[rows[r]] : data[offset + (r * stride)]) - mean;
            squares += d * d;
        }

        return (mean, Math.Sqrt(squares / n));
    }

    private static DataException NonFinite(string name, int row, double value, string phase) =>
        DataException.At(string.Create(CultureInfo.InvariantCulture,
            $"cannot standardise ({phase}): row {row} holds {value}; expected finite numbers " +
            $"(drop or impute rows with NaN or Inf first)"),
            column: name);
}
