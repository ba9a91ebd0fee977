namespace Astrograd.Data.Fits;

/// <summary>
/// One field of a BINTABLE as its header describes it (TTYPEn, TFORMn, TSCALn, TZEROn, TNULLn, TUNITn), and the
/// names of the <see cref="DataTable"/> columns it became.
/// </summary>
/// <remarks>
/// A physical value is TZEROn + TSCALn · stored (integers and floats alike). For integer types (B, I, J, K) a
/// stored value equal to TNULLn is missing, compared before scaling; a float (E, D) is missing when NaN.
/// </remarks>
public sealed class FitsColumn
{
    internal FitsColumn(int number, string name, FitsColumnFormat format, long rowOffset, double scale, double zero,
        long? nullValue, string? unit, IReadOnlyList<string> featureNames)
    {
        Number = number;
        Name = name;
        Format = format;
        RowOffset = rowOffset;
        Scale = scale;
        Zero = zero;
        Null = nullValue;
        Unit = unit;
        FeatureNames = featureNames;
    }

    /// <summary>The 1-based field number n of the TTYPEn, TFORMn, … keywords.</summary>
    public int Number { get; }

    /// <summary>The TTYPEn value, or <c>col</c> + n when the header gives none.</summary>
    public string Name { get; }

    /// <summary>The parsed TFORMn.</summary>
    public FitsColumnFormat Format { get; }

    /// <summary>The byte offset of the field within a row.</summary>
    public long RowOffset { get; }

    /// <summary>TSCALn, 1 when not given.</summary>
    public double Scale { get; }

    /// <summary>TZEROn, 0 when not given.</summary>
    public double Zero { get; }

    /// <summary>TNULLn of an integer column, or null (floats have none: NaN marks their missing values).</summary>
    public long? Null { get; }

    /// <summary>TUNITn, or null.</summary>
    public string? Unit { get; }

    /// <summary>
    /// The table columns the field became: none for a repeat count of 0; its own name for one value per row
    /// and for strings; <c>NAME_0</c>, <c>NAME_1</c>, … (0-based) for a vector of r &gt; 1 values.
    /// </summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>For messages: <c>column 3 'MAG' (TFORM '5E')</c>.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"column {Number} '{Name}' (TFORM '{Format.Text}')");
}
