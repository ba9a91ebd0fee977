using System.Globalization;
using Astrograd.Data;
using Astrograd.Training;

namespace Astrograd.Runs;

/// <summary>
/// Checks a model card read from disk before anything is built from it: a card that parses as JSON can still
/// hold nulls, sizes that disagree, or an architecture larger than its weights file could ever hold. Each fault
/// is a <see cref="DataException"/> naming the card and the field, so that no later constructor sees bad values.
/// </summary>
internal static class ModelCardCheck
{
    private const string Fix = "; re-create the model with 'astrograd train'";

    /// <summary>Throws naming the first field of <paramref name="card"/> that a loader cannot use.</summary>
    /// <param name="card">The deserialised card.</param>
    /// <param name="cardPath">The card's file, as errors name it.</param>
    /// <param name="weightsBytes">The weights file's length: every parameter takes at least one byte in it.</param>
    public static void Validate(ModelCard card, string cardPath, long weightsBytes)
    {
        void Fail(string what) => throw DataException.At(what + Fix, cardPath);

        if (card.Format != "astrograd.model" || card.FormatVersion != 1)
        {
            throw DataException.At($"unknown model format '{card.Format}' version {card.FormatVersion}", cardPath);
        }

        if (card.Task is not ("binary" or "multiclass" or "regression"))
        {
            Fail($"unknown task '{card.Task}'; expected binary, multiclass or regression");
        }

        if (string.IsNullOrEmpty(card.Target) || card.Loss is null || card.Reduction is null)
        {
            Fail("the fields 'target', 'loss' and 'reduction' must be non-empty text");
        }

        var a = card.Architecture;
        if (a is null || a.Hidden is null || a.Activation is null)
        {
            Fail("the field 'architecture' needs 'hidden' (a list of widths) and 'activation'");
        }

        if (!ActivationExtensions.TryParse(a!.Activation!, out _))
        {
            Fail($"unknown activation '{a.Activation}'");
        }

        if (a.Inputs < 1 || a.Outputs < 1 || a.Hidden!.Any(h => h < 1) || !(a.Dropout is >= 0 and < 1))
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"the architecture needs inputs, outputs and hidden " +
                $"widths >= 1 and a dropout in [0, 1), got inputs {a.Inputs}, hidden [{string.Join(", ", a.Hidden!)}]" +
                $", outputs {a.Outputs}, dropout {a.Dropout}"));
        }

        if (card.Hdu is { } hdu && (hdu.Index < 0 || hdu.Given is { } g && string.IsNullOrWhiteSpace(g)
            || hdu.Name is { } n && string.IsNullOrWhiteSpace(n)))
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"'hdu' needs an 'index' >= 0 and, when present, a " +
                $"non-empty 'name' and 'given', got index {hdu.Index}"));
        }

        CheckNames(card, a.Inputs, Fail);
        CheckStandardization(card.Standardization, a.Inputs, Fail);
        CheckPreprocessing(card, Fail);
        CheckClasses(card, a.Outputs, Fail);
        CheckLoss(card, Fail);
        ModelCardTargets.Check(card, Fail);

        // Sized in double: a forged width must not overflow, nor allocate gigabytes before the weights are read.
        var widths = new List<double> { a.Inputs };
        widths.AddRange(a.Hidden!.Select(h => (double)h));
        widths.Add(a.Outputs);
        var parameters = widths.Zip(widths.Skip(1), (i, o) => (i * o) + o).Sum();
        if (parameters > weightsBytes)
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"the architecture has {parameters:0} parameters, more " +
                $"than the {weightsBytes} bytes of {TrainedModel.WeightsFile} can hold"));
        }
    }

    // The loss decides how outputs are read (a probability, a class, a value with its variance): one that does not
    // fit the task would print numbers of the wrong kind without a word.
    private static void CheckLoss(ModelCard card, Action<string> fail)
    {
        var task = card.Task switch
        {
            "binary" => TaskKind.Binary,
            "multiclass" => TaskKind.Multiclass,
            _ => TaskKind.Regression,
        };
        var known = LossNames.TryParse(card.Loss, out var loss);
        if (!known || !Objective.Fits(task, loss))
        {
            fail($"'loss' is '{card.Loss}', which is not a loss of a {card.Task} model (expected " +
                $"{Objective.Allowed(task)})");
        }
    }

    private static void CheckNames(ModelCard card, int inputs, Action<string> fail)
    {
        if (card.Features is null || card.Features.Any(string.IsNullOrEmpty))
        {
            fail("the field 'features' must list the feature column names");
        }

        if (card.Features!.Count != inputs)
        {
            fail($"'features' names {card.Features.Count} columns, the architecture has {inputs} inputs");
        }

        if (card.Features.Distinct(StringComparer.Ordinal).Count() != inputs)
        {
            fail("'features' names a column twice");
        }
    }

    private static void CheckStandardization(StandardizationCard? s, int inputs, Action<string> fail)
    {
        if (s is null || s.Mean is null || s.Std is null || s.Mean.Count != inputs || s.Std.Count != inputs)
        {
            fail($"'standardization' needs 'mean' and 'std' with one value per input ({inputs})");
        }

        if (!s!.Mean!.All(double.IsFinite) || !s.Std!.All(v => double.IsFinite(v) && v >= 0))
        {
            fail("'standardization' holds a non-finite mean or a negative or non-finite std");
        }
    }

    private static void CheckPreprocessing(ModelCard card, Action<string> fail)
    {
        FeatureRecipe recipe;
        try
        {
            recipe = FeatureRecipe.FromCard(card.Preprocessing);
        }
        catch (ArgumentException e)
        {
            fail(e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty,
                StringComparison.Ordinal));
            return;
        }

        var features = card.Features.ToHashSet(StringComparer.Ordinal);
        var stray = (recipe.Imputer?.Columns ?? []).Concat(recipe.Imputer?.IndicatorNames ?? [])
            .FirstOrDefault(f => !features.Contains(f));
        if (stray is not null)
        {
            fail($"'preprocessing.imputed' names '{stray}', which is not among the 'features'");
        }
    }

    private static void CheckClasses(ModelCard card, int outputs, Action<string> fail)
    {
        if (card.Task == "regression")
        {
            return;
        }

        var expected = card.Task == "binary" ? 2 : outputs;
        if ((card.Task == "binary" && outputs != 1) || (card.Task == "multiclass" && outputs < 2))
        {
            fail($"a {card.Task} model cannot have {outputs} outputs");
        }

        if (card.Classes is null || card.Classes.Count != expected || card.Classes.Any(c => c is null))
        {
            fail($"a {card.Task} model with {outputs} outputs needs 'classes' with {expected} names");
        }
    }
}
