using System.Globalization;

namespace Astrograd.Data;

/// <summary>
/// Maps class labels to class indices 0..K−1 and back. The order is fixed and documented so that a saved
/// model's outputs keep their meaning: text labels sorted ordinally (by UTF-16 code unit, so
/// <c>GALAXY &lt; QSO &lt; STAR</c> and <c>B &lt; a</c>); numeric labels sorted by value (<c>0 &lt; 1</c>), named by
/// their round-trip invariant text (<c>"0"</c>, <c>"1"</c>, <c>"2.5"</c>). Store <see cref="Classes"/> with the
/// model and rebuild with <see cref="FromClasses"/>.
/// </summary>
public sealed class LabelEncoder
{
    /// <summary>The largest number of classes <see cref="Fit(DataColumn, int)"/> accepts by default.</summary>
    public const int DefaultMaxClasses = 1000;

    private readonly string[] _classes;
    private readonly Dictionary<string, int> _indexOf;

    private LabelEncoder(string[] classes)
    {
        _classes = classes;
        _indexOf = new Dictionary<string, int>(classes.Length, StringComparer.Ordinal);
        for (var k = 0; k < classes.Length; k++)
        {
            _indexOf.Add(classes[k], k);
        }
    }

    /// <summary>The class names; class k is <c>Classes[k]</c>.</summary>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>The number of classes K.</summary>
    public int ClassCount => _classes.Length;

    /// <summary>
    /// Learns the classes of a label column: a text column by ordinal sort of its distinct labels, a numeric
    /// column by sorted distinct value.
    /// </summary>
    /// <param name="column">The label column.</param>
    /// <param name="maxClasses">More distinct labels than this is an error (a regression target, most likely).</param>
    /// <exception cref="DataException">A label is missing, non-finite, there are too many, or fewer than 2.</exception>
    public static LabelEncoder Fit(DataColumn column, int maxClasses = DefaultMaxClasses)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClasses, 2);

        if (column.Kind == ColumnKind.Text)
        {
            return FitText(column.Texts, column.Name, maxClasses);
        }

        var values = column.Numbers;
        var distinct = new SortedSet<double>();
        for (var r = 0; r < values.Length; r++)
        {
            if (!double.IsFinite(values[r]))
            {
                throw DataException.At(string.Create(CultureInfo.InvariantCulture,
                    $"expected a class label, found {Format(values[r])} in data row {r + 1}"), column: column.Name);
            }

            if (distinct.Add(values[r]) && distinct.Count > maxClasses)
            {
                throw TooMany(column.Name, maxClasses);
            }
        }

        return Checked([.. distinct.Select(Format)], column.Name);
    }

    /// <summary>Learns the classes of text labels, sorted ordinally (see the class remarks).</summary>
    /// <exception cref="DataException">
    /// A label is empty, or there are more than <paramref name="maxClasses"/> classes or fewer than 2.
    /// </exception>
    public static LabelEncoder Fit(ReadOnlySpan<string> labels, int maxClasses = DefaultMaxClasses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClasses, 2);
        return FitText(labels, null, maxClasses);
    }

    /// <summary>
    /// The encoder whose class k is <paramref name="classes"/>[k], as stored with a model (the order is kept).
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty or repeats, or there are fewer than 2.</exception>
    public static LabelEncoder FromClasses(IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count < 2)
        {
            throw new ArgumentException($"LabelEncoder: at least 2 classes are needed, got {classes.Count}.",
                nameof(classes));
        }

        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in classes)
        {
            if (string.IsNullOrEmpty(name) || !distinct.Add(name))
            {
                throw new ArgumentException($"LabelEncoder: class names must be non-empty and distinct: '{name}'.",
                    nameof(classes));
            }
        }

        return new LabelEncoder([.. classes]);
    }

    /// <summary>The index of class <paramref name="label"/>.</summary>
    /// <exception cref="DataException">The label is not one of <see cref="Classes"/>; the message names it.</exception>
    public int Encode(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return _indexOf.TryGetValue(label, out var k) ? k : throw Unknown(label, null, null);
    }

    /// <summary>The class index of every row of <paramref name="column"/> (numbers matched by their text).</summary>
    /// <exception cref="DataException">A label is unknown or missing; the message names it and its row.</exception>
    public int[] Encode(DataColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);

        var result = new int[column.Length];
        var texts = column.Kind == ColumnKind.Text ? column.Texts : default;
        var numbers = column.Kind == ColumnKind.Numeric ? column.Numbers : default;
        for (var r = 0; r < result.Length; r++)
        {
            var label = column.Kind == ColumnKind.Text ? texts[r] : Format(numbers[r]);
            if (!_indexOf.TryGetValue(label, out result[r]))
            {
                throw Unknown(label, column.Name, r);
            }
        }

        return result;
    }

    /// <summary>The name of class <paramref name="index"/>.</summary>
    public string Decode(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _classes.Length);
        return _classes[index];
    }

    private static LabelEncoder FitText(ReadOnlySpan<string> labels, string? columnName, int maxClasses)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < labels.Length; r++)
        {
            if (string.IsNullOrEmpty(labels[r]))
            {
                throw DataException.At(string.Create(CultureInfo.InvariantCulture,
                    $"expected a class label, found an empty cell in data row {r + 1}"), column: columnName);
            }

            if (distinct.Add(labels[r]) && distinct.Count > maxClasses)
            {
                throw TooMany(columnName, maxClasses);
            }
        }

        var sorted = distinct.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return Checked(sorted, columnName);
    }

    private static LabelEncoder Checked(string[] classes, string? columnName)
    {
        if (classes.Length < 2)
        {
            var found = classes.Length == 0 ? "no labels" : $"only '{classes[0]}'";
            throw DataException.At($"expected at least 2 classes, found {found}", column: columnName);
        }

        return new LabelEncoder(classes);
    }

    private DataException Unknown(string label, string? columnName, int? row)
    {
        var where = row is { } r ? string.Create(CultureInfo.InvariantCulture, $" in data row {r + 1}") : "";
        var what = label.Length == 0 ? "a missing class label" : $"unknown class label '{MessageText.Cell(label)}'";
        return DataException.At($"{what}{where}; known classes: {MessageText.List(_classes, 10)}",
            column: columnName);
    }

    private static DataException TooMany(string? columnName, int maxClasses) =>
        DataException.At(string.Create(CultureInfo.InvariantCulture,
            $"expected a class column, found more than {maxClasses} distinct values (a regression target?)"),
            column: columnName);

    // -0 and 0 are one class, named "0".
    private static string Format(double value) =>
        value == 0 ? "0" : value.ToString("R", CultureInfo.InvariantCulture);
}
