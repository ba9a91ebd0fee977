using System.Globalization;
using Astrograd.Data;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>
/// A table turned into training, validation and test sets: columns chosen, task detected, labels encoded,
/// a seeded split (stratified for classes), and standardisation fitted on the training rows only.
/// </summary>
public sealed class PreparedData
{
    private PreparedData(TaskKind task, string target, string[] features, LabelEncoder? labels, Standardizer scaler,
        DataSplit split, TrainingSet<float> train, TrainingSet<float>? validation, TrainingSet<float>? test,
        IReadOnlyList<string> warnings, int droppedRows)
    {
        Task = task;
        Target = target;
        Features = features;
        Labels = labels;
        Scaler = scaler;
        Split = split;
        Train = train;
        Validation = validation;
        Test = test;
        Warnings = warnings;
        DroppedRows = droppedRows;
    }

    /// <summary>The task, given or detected.</summary>
    public TaskKind Task { get; }

    /// <summary>The target column's name.</summary>
    public string Target { get; }

    /// <summary>The feature columns' names, in model input order.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>The class names (classification), or null.</summary>
    public LabelEncoder? Labels { get; }

    /// <summary>The standardisation fitted on the training rows.</summary>
    public Standardizer Scaler { get; }

    /// <summary>Which rows of the (cleaned) table went where.</summary>
    public DataSplit Split { get; }

    /// <summary>Training rows.</summary>
    public TrainingSet<float> Train { get; }

    /// <summary>Validation rows, or null with --val 0.</summary>
    public TrainingSet<float>? Validation { get; }

    /// <summary>Test rows, or null with --test 0.</summary>
    public TrainingSet<float>? Test { get; }

    /// <summary>Things the user should know (constant features, dropped rows).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Rows dropped for missing feature values (with --on-missing drop).</summary>
    public int DroppedRows { get; }

    /// <summary>How raw columns became the features (sentinels, colours, the missing-value policy and its fit).
    /// </summary>
    public FeatureRecipe Recipe { get; private init; } = FeatureRecipe.None;

    /// <summary>Rows whose label is missing: masked out of the loss and metrics (regression, as NaN targets), or
    /// left out of the sets (classification).</summary>
    public int UnlabelledRows { get; private init; }

    /// <summary>The number of model outputs: 1 for binary and each regression target (2 with a loss that
    /// predicts a variance), K for K classes.</summary>
    public int Outputs => Task == TaskKind.Multiclass ? Labels!.ClassCount : Train.TargetCount * OutputsPerTarget;

    /// <summary>The target columns' names, in output order (one, or several with --target A,B).</summary>
    public IReadOnlyList<string> Targets { get; private init; } = [];

    /// <summary>The target standardisation (several targets), or null: the targets are in their own units.
    /// </summary>
    public TargetScaling? TargetScaling { get; private init; }

    /// <summary>The --sigma columns' names, or null.</summary>
    public IReadOnlyList<string>? Sigmas { get; private init; }

    /// <summary>2 when the loss predicts a mean and a log-variance per target, else 1.</summary>
    public int OutputsPerTarget { get; private init; } = 1;

    /// <summary>Prepares <paramref name="table"/> as <paramref name="config"/> says.</summary>
    /// <exception cref="DataException">A column is missing, values are missing, or the split cannot
    /// be made.</exception>
    /// <exception cref="RunConfigException">A feature column is listed twice.</exception>
    public static PreparedData From(DataTable table, RunConfig config, string? defaultTarget = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(config);
        var source = table.Source;
        if (table.RowCount == 0)
        {
            throw DataException.At("no data rows", source);
        }

        var warnings = new List<string>();
        var emptyColumns = new HashSet<int>();
        var targetColumns = TargetColumns.Resolve(table, config.Target ?? defaultTarget ?? PreparedInputs
            .DefaultTarget(table, emptyColumns, warnings).ToString(CultureInfo.InvariantCulture), config.Sigma);
        var targetIndex = targetColumns.Targets[0];
        var colors = config.Colors is { } bands ? ColorFeatures.Of(bands) : null;
        var bandIndices = colors is null ? [] : table.IndicesOf(colors.Bands.Select(ColumnRef.FromName));

        // The targets and their σ columns are never default features.
        var notFeatures = targetColumns.Targets.Concat(targetColumns.Sigmas ?? []).ToHashSet();
        var featureIndices = config.Features is { Count: > 0 }
            ? table.IndicesOf(config.Features.Select(ColumnRef.Parse))
            : [.. PreparedInputs.DefaultFeatures(table, targetIndex, bandIndices, config.Missing, emptyColumns,
                    warnings)
                .Where(i => !notFeatures.Contains(i))];
        var twice = featureIndices.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new RunConfigException("--features",
                $"column '{table.ColumnNames[twice.Key]}' is listed {twice.Count()} times; list each feature once");
        }

        if (featureIndices.Length == 0 && colors is null)
        {
            throw DataException.At("no numeric feature columns besides the target", source);
        }

        if (config.Features is not { Count: > 0 } && IdentifierColumns.Warning(table, featureIndices) is { } ids)
        {
            warnings.Add(ids);
        }

        if (featureIndices.Concat(bandIndices).FirstOrDefault(targetColumns.Targets.Contains, -1) is var both
            and >= 0)
        {
            throw DataException.At($"the target '{table.ColumnNames[both]}' is also listed as a " +
                $"feature", source);
        }

        foreach (var f in featureIndices.Concat(targetColumns.Targets).Concat(targetColumns.Sigmas ?? [])
            .Concat(bandIndices))
        {
            CellFault.ThrowIfAny(table.Columns[f], source);
        }

        foreach (var f in featureIndices)
        {
            if (table.Columns[f].Kind != ColumnKind.Numeric)
            {
                throw DataException.At($"feature column '{table.ColumnNames[f]}' holds text; features must be numeric",
                    source, column: table.ColumnNames[f]);
            }
        }

        if (config.Features is { Count: > 0 })
        {
            PreparedInputs.ThrowIfEmpty(table, featureIndices, config.Missing, "--features");
        }

        PreparedInputs.ThrowIfEmpty(table, bandIndices, config.Missing, "--colors");

        // Sentinels become NaN and colours are derived; then missing features are refused, dropped or imputed
        // (after the split, from the training rows), and missing labels masked.
        var policy = config.MissingPolicy;
        var recipe = new FeatureRecipe(config.Missing, policy, colors, null);
        var sources = bandIndices.Concat(featureIndices).Distinct().ToArray();
        var missing = MissingCells.Count(table, sources, config.Missing);
        table = recipe.Derive(table, sources.Concat(targetColumns.Targets).Concat(targetColumns.Sigmas ?? []));
        featureIndices = [.. (colors?.Names ?? []).Select(n => table.IndexOf(ColumnRef.FromName(n)))
            .Concat(featureIndices)];
        var (rows, dropped) = PreparedInputs.HandleMissing(ref table, missing, policy);
        var unlabelled = MissingCells.Count(table, targetColumns.Targets, []);
        if (unlabelled.Columns.FirstOrDefault(c => c.Total == table.RowCount) is { } empty)
        {
            // With several targets each is masked on its own, so only a target without any value is refused.
            throw DataException.At(string.Create(CultureInfo.InvariantCulture,
                $"the target has no value in any of the {table.RowCount} rows; choose another --target"), source,
                column: empty.Name);
        }

        var targetColumn = table.Columns[targetIndex];
        if (OnlyValue(targetColumn) is { } only)
        {
            throw DataException.At(string.Create(CultureInfo.InvariantCulture,
                $"the target holds one value ({only}) in all {table.RowCount} rows, so there is nothing to " +
                $"learn; choose another --target"), source, column: targetColumn.Name);
        }

        var task = config.Task ?? DetectTask(targetColumn);
        MultiTarget.Check(table, targetColumns, ref task, config, source);
        if (unlabelled.Any)
        {
            warnings.AddRange(PreparedInputs.Unlabelled(unlabelled, rows, task));
            if (task != TaskKind.Regression)
            {
                // A class index cannot be NaN: unlabelled rows take no part in a classifier's loss or metrics.
                var labelled = Enumerable.Range(0, table.RowCount).Except(unlabelled.Rows).ToArray();
                table = table.SelectRows(labelled);
                targetColumn = table.Columns[targetIndex];
            }
        }

        var rng = new Rng(Rng.DeriveSeed(config.Seed, 1));
        LabelEncoder? labels = null;
        int[]? classOfRow = null;
        DataSplit split;
        try
        {
            if (task == TaskKind.Regression)
            {
                if (targetColumn.Kind != ColumnKind.Numeric)
                {
                    throw DataException.At($"target '{targetColumn.Name}' holds text; a regression target must be " +
                        "numeric", source, column: targetColumn.Name);
                }

                split = Splitter.Shuffled(table.RowCount, config.Validation, config.Test, rng);
            }
            else
            {
                labels = LabelEncoder.Fit(targetColumn);
                if (task == TaskKind.Binary && labels.ClassCount != 2)
                {
                    throw DataException.At(
                        $"--task binary needs 2 classes in '{targetColumn.Name}', found {labels.ClassCount}", source);
                }

                classOfRow = labels.Encode(targetColumn);
                split = Splitter.Stratified(classOfRow, labels.Classes, config.Validation, config.Test, rng);
            }
        }
        catch (DataException e) when (e.File is null && source is not null)
        {
            // The label and split checks know no file; the user needs to know which table failed.
            throw new DataException($"{source}: {e.Message}", e);
        }

        if (policy == MissingPolicy.Impute)
        {
            var imputer = Imputer.Fit(table, featureIndices, split.Train);
            table = imputer.Apply(table, out var filled);
            featureIndices = [.. featureIndices, .. imputer.IndicatorNames.Select(n => table.IndexOf(
                ColumnRef.FromName(n)))];
            recipe = new FeatureRecipe(config.Missing, policy, colors, imputer);
            if (filled > 0)
            {
                warnings.Add(PreparedInputs.Imputed(filled, imputer));
            }
        }

        var scaler = Standardizer.Fit(table, featureIndices, split.Train);
        warnings.InsertRange(0, scaler.Warnings);
        if (dropped > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"dropped {dropped} rows with missing feature values (--on-missing drop)"));
        }

        var targetScaling = targetColumns.Targets.Length > 1
            ? TargetScaling.Fit(table, targetColumns.Targets, split.Train)
            : null;
        var variances = targetColumns.Sigmas is null ? null : targetColumns.Variances(table, rows, warnings);
        TrainingSet<float>? Build(int[] rows) => rows.Length == 0 ? null
            : task == TaskKind.Regression
                ? MultiTarget.MakeSet(table, featureIndices, targetColumns.Targets, rows, scaler, targetScaling,
                    variances)
                : MakeSet(table, featureIndices, targetIndex, rows, scaler, task, classOfRow);

        return new PreparedData(task, targetColumn.Name, [.. featureIndices.Select(i => table.ColumnNames[i])], labels,
            scaler, split, Build(split.Train)!, Build(split.Validation), Build(split.Test), warnings, dropped)
        {
            Recipe = recipe,
            UnlabelledRows = unlabelled.RowsAffected,
            Targets = [.. targetColumns.Targets.Select(i => table.ColumnNames[i])],
            TargetScaling = targetScaling,
            Sigmas = targetColumns.Sigmas?.Select(i => table.ColumnNames[i]).ToArray(),
            OutputsPerTarget = config.Loss?.PredictsVariance() == true ? 2 : 1,
        };
    }

    /// <summary>
    /// The task a target column implies: text → classes (binary for 2); numbers with exactly two distinct
    /// values → binary; whole numbers with 3..20 distinct values → multiclass; anything else → regression.
    /// </summary>
    public static TaskKind DetectTask(DataColumn target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Kind == ColumnKind.Text)
        {
            return target.Texts.ToArray().Where(t => !string.IsNullOrEmpty(t)).Distinct().Count() == 2
                ? TaskKind.Binary
                : TaskKind.Multiclass;
        }

        var distinct = new HashSet<double>();
        var whole = true;
        foreach (var v in target.Numbers)
        {
            if (double.IsFinite(v))
            {
                whole &= v == Math.Floor(v);
                if (distinct.Add(v) && distinct.Count > 20)
                {
                    return TaskKind.Regression;
                }
            }
        }

        return distinct.Count == 2 ? TaskKind.Binary
            : whole && distinct.Count > 2 ? TaskKind.Multiclass
            : TaskKind.Regression;
    }

    // The one value of a column that holds a single distinct value (as text), else null.
    private static string? OnlyValue(DataColumn column)
    {
        if (column.Length == 0)
        {
            return null;
        }

        // Missing labels are masked, so they are no second value.
        if (column.Kind == ColumnKind.Text)
        {
            var texts = column.Texts.ToArray().Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            return texts.Length == 1 ? $"'{texts[0]}'" : null;
        }

        var numbers = column.Numbers.ToArray().Where(double.IsFinite).Distinct().ToArray();
        return numbers.Length == 1 ? numbers[0].ToString("R", CultureInfo.InvariantCulture) : null;
    }

    // Straight from the table's columns to float32, without copying the chosen rows first: with a
    // 5-million-row table the copies (all columns of the subset, then a double matrix) outweighed the result.
    private static TrainingSet<float> MakeSet(DataTable table, int[] features, int target, int[] rows,
        Standardizer scaler, TaskKind task, int[]? classOfRow)
    {
        var x = new float[(long)rows.Length * features.Length];
        scaler.Transform(table, features, rows, x);
        if (task == TaskKind.Regression)
        {
            var values = table.Columns[target].Numbers;
            var y = new float[rows.Length];
            for (var i = 0; i < y.Length; i++)
            {
                // NaN marks a missing label: the losses and metrics mask it out (see Loss).
                var value = values[rows[i]];
                y[i] = double.IsFinite(value) ? (float)value : float.NaN;
            }

            return new TrainingSet<float>(x, features.Length, y, 1, null);
        }

        var labels = rows.Select(r => classOfRow![r]).ToArray();
        var targets = task == TaskKind.Binary ? labels.Select(l => (float)l).ToArray() : null;
        return new TrainingSet<float>(x, features.Length, targets, 1, labels);
    }
}
