using System.Numerics;
using Astrograd.Losses;

namespace Astrograd.Training;

/// <summary>The loss a training run minimises, checked against the task, with its reduction.</summary>
public sealed class Objective
{
    /// <summary>An objective for <paramref name="task"/>; <paramref name="loss"/> null picks the task's usual
    /// loss.</summary>
    public Objective(TaskKind task, LossKind? loss = null, Reduction reduction = Reduction.Mean)
    {
        var kind = loss ?? DefaultFor(task);
        var fits = task switch
        {
            TaskKind.Binary => kind == LossKind.Bce,
            TaskKind.Multiclass => kind == LossKind.Ce,
            _ => kind is LossKind.L1 or LossKind.L2 or LossKind.Huber,
        };
        if (!fits)
        {
            throw new ArgumentException(
                $"Objective: loss '{kind.ToString().ToLowerInvariant()}' does not fit a " +
                    $"{task.ToString().ToLowerInvariant()} " +
                $"task; use {Allowed(task)}.", nameof(loss));
        }

        Task = task;
        Loss = kind;
        Reduction = reduction;
    }

    /// <summary>The task.</summary>
    public TaskKind Task { get; }

    /// <summary>The loss.</summary>
    public LossKind Loss { get; }

    /// <summary>How per-row losses are combined (shown in run summaries, since it rescales the gradient).</summary>
    public Reduction Reduction { get; }

    /// <summary>The usual loss of a task: bce, ce, or l2.</summary>
    public static LossKind DefaultFor(TaskKind task) => task switch
    {
        TaskKind.Binary => LossKind.Bce,
        TaskKind.Multiclass => LossKind.Ce,
        _ => LossKind.L2,
    };

    /// <summary>The loss of network <paramref name="output"/> on a batch.</summary>
    /// <param name="output">The network's output, [b, outputs].</param>
    /// <param name="targets">Targets [b, k] (binary and regression), or null.</param>
    /// <param name="labels">Class indices (multiclass), or empty.</param>
    public Tensor<T> Compute<T>(Tensor<T> output, Tensor<T>? targets, ReadOnlySpan<int> labels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        return Loss == LossKind.Ce
            ? CrossEntropy.FromLogits(output, labels, Reduction)
            : Pointwise(output, targets);
    }

    /// <summary>As <see cref="Compute{T}(Tensor{T}, Tensor{T}?, ReadOnlySpan{int})"/>, reading the labels from
    /// <paramref name="labels"/> itself, so that a replayed step graph sees each batch's labels.</summary>
    internal Tensor<T> Compute<T>(Tensor<T> output, Tensor<T>? targets, int[] labels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        return Loss == LossKind.Ce
            ? CrossEntropy.FromLogits(output, labels, Reduction)
            : Pointwise(output, targets);
    }

    private Tensor<T> Pointwise<T>(Tensor<T> output, Tensor<T>? targets)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(targets);
        return Loss switch
        {
            LossKind.Bce => Astrograd.Losses.Loss.BinaryCrossEntropyWithLogits(output, targets, Reduction),
            LossKind.L1 => Astrograd.Losses.Loss.L1(output, targets, Reduction),
            LossKind.Huber => Astrograd.Losses.Loss.Huber(output, targets, 1.0, Reduction),
            _ => Astrograd.Losses.Loss.L2(output, targets, Reduction),
        };
    }

    private static string Allowed(TaskKind task) => task switch
    {
        TaskKind.Binary => "bce",
        TaskKind.Multiclass => "ce",
        _ => "l1, l2 or huber",
    };
}
