using System.Globalization;
using System.Text;
using Astrograd.Data.Fits;
using Astrograd.Runs;
using Astrograd.Training;

namespace Astrograd.Cli.Commands;

/// <summary>
/// The columns <c>predict</c> writes for a regression (<c>&lt;target&gt;</c> per target, and
/// <c>&lt;target&gt;_sigma</c> for a loss that predicts a variance) and for Monte Carlo dropout
/// (<c>&lt;target&gt;_mean</c>, <c>&lt;target&gt;_std</c>; or <c>class</c>, <c>p_&lt;class&gt;_mean</c>,
/// <c>p_&lt;class&gt;_std</c>), as CSV or FITS.
/// </summary>
internal sealed class PredictionTable
{
    private readonly List<(string Name, double[]? Numbers, string[]? Texts, bool FromSingle)> _columns = [];

    /// <summary>The columns of a regression's predictions.</summary>
    public static PredictionTable Regression(RegressionOutput output)
    {
        var table = new PredictionTable();
        var k = output.Targets;
        for (var j = 0; j < k; j++)
        {
            table.Add(output.Names[j], RegressionScoring.Column(output.Values, k, j), fromSingle: true);
        }

        if (output.Sigmas is { } sigmas)
        {
            for (var j = 0; j < k; j++)
            {
                table.Add(output.Names[j] + "_sigma", RegressionScoring.Column(sigmas, k, j), fromSingle: true);
            }
        }

        return table;
    }

    /// <summary>The columns of Monte Carlo dropout passes.</summary>
    public static PredictionTable MonteCarlo(TrainedModel model, McDropoutResult result)
    {
        var table = new PredictionTable();
        if (model.Task == TaskKind.Regression)
        {
            var names = model.Card.TargetNames();
            for (var j = 0; j < names.Count; j++)
            {
                table.Add(names[j] + "_mean", RegressionScoring.Column(result.Mean, result.Columns, j));
                table.Add(names[j] + "_std", RegressionScoring.Column(result.Std, result.Columns, j));
            }

            if (result.Sigma is { } sigma)
            {
                for (var j = 0; j < names.Count; j++)
                {
                    table.Add(names[j] + "_sigma", RegressionScoring.Column(sigma, result.Columns, j));
                }
            }

            return table;
        }

        var classes = model.Card.Classes!;
        var rows = result.Mean.Length / result.Columns;
        table._columns.Add(("class", null, [.. Enumerable.Range(0, rows).Select(i =>
            classes[ArgMax(result.Mean.AsSpan(i * result.Columns, result.Columns))])], false));
        for (var c = 0; c < classes.Count; c++)
        {
            table.Add($"p_{classes[c]}_mean", RegressionScoring.Column(result.Mean, result.Columns, c));
            table.Add($"p_{classes[c]}_std", RegressionScoring.Column(result.Std, result.Columns, c));
        }

        return table;
    }

    /// <summary>The rows as CSV with a header line.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', _columns.Select(c => c.Name)).Append('\n');
        var rows = _columns.Count == 0 ? 0 : _columns[0].Numbers?.Length ?? _columns[0].Texts!.Length;
        for (var i = 0; i < rows; i++)
        {
            for (var c = 0; c < _columns.Count; c++)
            {
                if (c > 0)
                {
                    sb.Append(',');
                }

                var column = _columns[c];
                sb.Append(column.Texts is { } texts ? texts[i]
                    : column.FromSingle ? ((float)column.Numbers![i]).ToString("R", CultureInfo.InvariantCulture)
                    : column.Numbers![i].ToString("R", CultureInfo.InvariantCulture));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The columns for a FITS binary table (D for numbers, A for class names).</summary>
    public IReadOnlyList<FitsWriteColumn> ToFits() => [.. _columns.Select(c => c.Texts is { } texts
        ? FitsWriteColumn.Text(c.Name, texts)
        : FitsWriteColumn.Double(c.Name, c.Numbers))];

    private static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var j = 1; j < values.Length; j++)
        {
            best = values[j] > values[best] ? j : best;
        }

        return best;
    }

    private void Add(string name, double[] values, bool fromSingle = false) =>
        _columns.Add((name, values, null, fromSingle));
}
