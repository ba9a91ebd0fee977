using System.Globalization;

namespace Astrograd.Metrics;

/// <summary>Validation shared by the metric entry points; every failure names the metric and the parameter.</summary>
internal static class MetricInputs
{
    public static void RequireSameNonZeroLength(string metric, int trueLength, int otherLength, string otherName)
    {
        if (trueLength != otherLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"{metric}: yTrue has {trueLength} values but {otherName} has {otherLength}; pass one per sample."),
                otherName);
        }

        if (trueLength == 0)
        {
            throw new ArgumentException($"{metric}: no samples; pass at least one.", "yTrue");
        }
    }

    public static void RequireFinite(string metric, ReadOnlySpan<double> values, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{metric}: {name}[{i}] is {values[i]}; every value must be finite."),
                    name);
            }
        }
    }

    public static void RequireClassLabels(string metric, ReadOnlySpan<int> labels, int classCount, string name)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{metric}: {name}[{i}] is {labels[i]}; labels must lie in [0, {classCount - 1}]."),
                    name);
            }
        }
    }
}
