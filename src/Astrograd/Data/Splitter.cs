using System.Globalization;

namespace Astrograd.Data;

/// <summary>Row indices of a train / validation / test split, each part in ascending row order.</summary>
/// <param name="Train">The training rows.</param>
/// <param name="Validation">The validation rows (empty when the validation fraction is 0).</param>
/// <param name="Test">The test rows (empty when the test fraction is 0).</param>
public sealed record DataSplit(int[] Train, int[] Validation, int[] Test);

/// <summary>
/// Seeded train / validation / test splits: stratified per class for classification, a plain shuffle for
/// regression. The same seed and rows give the same split on every machine.
/// </summary>
/// <remarks>
/// Counts per class c with n_c rows (or for all n rows, unstratified): test_c = round(n_c · testFraction)
/// and val_c = round(n_c · validationFraction), rounding halves away from zero; each is raised to at least
/// 1 when its fraction is above 0, and, if that leaves no training row, the larger of the two is lowered
/// until one remains. The rest is training. So every class appears in every non-empty part, and a class
/// needs 1 + (test &gt; 0) + (validation &gt; 0) rows; with fewer the split fails, naming the class. Because
/// the rounding is per class, the total test size can differ from round(n · testFraction) by up to about
/// half a row per class. Within a class, rows are drawn by a Fisher–Yates shuffle from the caller's
/// <see cref="Rng"/>, classes in index order.
/// </remarks>
public static class Splitter
{
    /// <summary>
    /// Splits rows stratified by class: row r belongs to class <paramref name="classOfRow"/>[r], in
    /// [0, <paramref name="classNames"/>.Count). F8: 32 STAR and 8 QSO at test 0.25 put 8 STAR and 2 QSO in test.
    /// </summary>
    /// <param name="classOfRow">Each row's class, e.g. from <see cref="LabelEncoder.Encode(DataColumn)"/>.</param>
    /// <param name="classNames">The class names, for error messages.</param>
    /// <param name="validationFraction">The share of each class for validation, in [0, 1).</param>
    /// <param name="testFraction">The share of each class for test, in [0, 1).</param>
    /// <param name="rng">The generator the shuffles draw from.</param>
    /// <exception cref="DataException">A class has too few rows for the parts asked (named in one line).</exception>
    /// <exception cref="ArgumentException">Fractions out of range, or a class index out of range.</exception>
    public static DataSplit Stratified(ReadOnlySpan<int> classOfRow, IReadOnlyList<string> classNames,
        double validationFraction, double testFraction, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(rng);
        CheckFractions(validationFraction, testFraction);

        var members = new List<int>[classNames.Count];
        for (var k = 0; k < members.Length; k++)
        {
            members[k] = [];
        }

        for (var r = 0; r < classOfRow.Length; r++)
        {
            var k = classOfRow[r];
            if ((uint)k >= (uint)members.Length)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Splitter.Stratified: row {r} has class {k}; expected 0..{members.Length - 1}."),
                    nameof(classOfRow));
            }

            members[k].Add(r);
        }

        var needed = Needed(validationFraction, testFraction);
        if (classOfRow.Length < needed)
        {
            throw new DataException(string.Create(CultureInfo.InvariantCulture,
                $"too few rows to split: {classOfRow.Length} rows, {needed} needed " +
                $"(one for training{Parts(validationFraction, testFraction)})"));
        }

        var tooSmall = Enumerable.Range(0, members.Length)
            .Where(k => members[k].Count > 0 && members[k].Count < needed)
            .Select(k => string.Create(CultureInfo.InvariantCulture,
                $"'{classNames[k]}' ({members[k].Count} member{(members[k].Count == 1 ? "" : "s")}, {needed} needed)"))
            .ToList();
        if (tooSmall.Count > 0)
        {
            throw new DataException(
                $"too few rows to split class {MessageText.List(tooSmall)}: each class needs one row " +
                $"for training{Parts(validationFraction, testFraction)}; lower the fractions or merge rare classes");
        }

        List<int> train = [], validation = [], test = [];
        foreach (var rows in members)
        {
            var shuffled = rows.ToArray();
            rng.Shuffle(shuffled.AsSpan());
            var (nVal, nTest) = Counts(shuffled.Length, validationFraction, testFraction);
            test.AddRange(shuffled.AsSpan(0, nTest));
            validation.AddRange(shuffled.AsSpan(nTest, nVal));
            train.AddRange(shuffled.AsSpan(nTest + nVal));
        }

        return Sorted(train, validation, test);
    }

    /// <summary>
    /// Splits rows 0..<paramref name="rowCount"/>−1 by one seeded shuffle (for regression targets), with the
    /// counts of the class remarks applied to all rows.
    /// </summary>
    /// <exception cref="DataException">Fewer rows than the parts need.</exception>
    /// <exception cref="ArgumentException">Fractions out of range.</exception>
    public static DataSplit Shuffled(int rowCount, double validationFraction, double testFraction, Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentNullException.ThrowIfNull(rng);
        CheckFractions(validationFraction, testFraction);

        var needed = Needed(validationFraction, testFraction);
        if (rowCount < needed)
        {
            throw new DataException(string.Create(CultureInfo.InvariantCulture,
                $"too few rows to split: {rowCount} rows, {needed} needed " +
                $"(one for training{Parts(validationFraction, testFraction)})"));
        }

        var order = Enumerable.Range(0, rowCount).ToArray();
        rng.Shuffle(order.AsSpan());
        var (nVal, nTest) = Counts(rowCount, validationFraction, testFraction);
        return Sorted([.. order[(nTest + nVal)..]], [.. order[nTest..(nTest + nVal)]], [.. order[..nTest]]);
    }

    private static void CheckFractions(double validation, double test)
    {
        if (!(validation >= 0 && validation < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validation), validation,
                "Split: the validation fraction must be in [0, 1).");
        }

        if (!(test >= 0 && test < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(test), test, "Split: the test fraction must be in [0, 1).");
        }

        if (validation + test >= 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Split: validation {validation} + test {test} leaves no training rows; their sum must be below 1."),
                nameof(test));
        }
    }

    private static int Needed(double validation, double test) => 1 + (validation > 0 ? 1 : 0) + (test > 0 ? 1 : 0);

    private static string Parts(double validation, double test) =>
        (validation > 0, test > 0) switch
        {
            (true, true) => ", one for validation and one for test",
            (true, false) => " and one for validation",
            (false, true) => " and one for test",
            _ => "",
        };

    // The (validation, test) counts of a group of n rows; n is at least Needed(...).
    private static (int Validation, int Test) Counts(int n, double validationFraction, double testFraction)
    {
        var nTest = testFraction > 0 ? Math.Max(1, Round(n * testFraction)) : 0;
        var nVal = validationFraction > 0 ? Math.Max(1, Round(n * validationFraction)) : 0;
        while (nTest + nVal > n - 1)
        {
            if (nTest >= nVal)
            {
                nTest--;
            }
            else
            {
                nVal--;
            }
        }

        return (nVal, nTest);
    }

    private static int Round(double x) => (int)Math.Round(x, MidpointRounding.AwayFromZero);

    private static DataSplit Sorted(List<int> train, List<int> validation, List<int> test)
    {
        train.Sort();
        validation.Sort();
        test.Sort();
        return new DataSplit([.. train], [.. validation], [.. test]);
    }
}
