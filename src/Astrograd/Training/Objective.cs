using System.Numerics;
using Astrograd.Losses;

namespace Astrograd.Training;

/// <summary>The loss a training run minimises, checked against the task, with its reduction.</summary>
public sealed class Objective
{
    /// <summary>An objective for <paramref name="task"/>; <paramref name="loss"/> null picks the task's usual
    /// loss.</summary>
    /// <param name="task">The task.</param>
    /// <param name="loss">The loss, or null for the task's usual one.</param>
    /// <param name="reduction">Mean or sum.</param>
    /// <param name="nu">ν of the Student-t loss (ignored by the others), finite and &gt; 0.</param>
    public Objective(TaskKind task, LossKind? loss = null, Reduction reduction = Reduction.Mean, double nu = 3)
    {
        var kind = loss ?? DefaultFor(task);
        if (!Fits(task, kind))
        {
            throw new ArgumentException(
                $"Objective: loss '{kind.ToName()}' does not fit a {task.ToString().ToLowerInvariant()} task; use " +
                    $"{Allowed(task)}.", nameof(loss));
        }

        if (!(nu > 0) || !double.IsFinite(nu))
        {
            throw new ArgumentOutOfRangeException(nameof(nu), $"Objective: nu must be finite and > 0, got {nu}.");
        }

        Task = task;
        Loss = kind;
        Reduction = reduction;
        Nu = nu;
    }

    /// <summary>The task.</summary>
    public TaskKind Task { get; }

    /// <summary>The loss.</summary>
    public LossKind Loss { get; }

    /// <summary>How per-row losses are combined (shown in run summaries, since it rescales the gradient).</summary>
    public Reduction Reduction { get; }

    /// <summary>ν of the Student-t loss.</summary>
    public double Nu { get; }

    /// <summary>Network outputs per target: 2 (mean, log-variance) for gaussian-nll and student-t, else 1.
    /// </summary>
    public int OutputsPerTarget => Loss.PredictsVariance() ? 2 : 1;

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
    /// <param name="variance">Known σ² of each target, [b, k] (chi2 needs it; the likelihoods add it), or null.
    /// </param>
    public Tensor<T> Compute<T>(Tensor<T> output, Tensor<T>? targets, ReadOnlySpan<int> labels,
        Tensor<T>? variance = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        return Loss == LossKind.Ce
            ? CrossEntropy.FromLogits(output, labels, Reduction)
            : Pointwise(output, targets, variance);
    }

    /// <summary>As <see cref="Compute{T}(Tensor{T}, Tensor{T}?, ReadOnlySpan{int}, Tensor{T}?)"/>, reading the
    /// labels from <paramref name="labels"/> itself, so that a replayed step graph sees each batch's labels.
    /// </summary>
    internal Tensor<T> Compute<T>(Tensor<T> output, Tensor<T>? targets, int[] labels, Tensor<T>? variance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        return Loss == LossKind.Ce
            ? CrossEntropy.FromLogits(output, labels, Reduction)
            : Pointwise(output, targets, variance);
    }

    private Tensor<T> Pointwise<T>(Tensor<T> output, Tensor<T>? targets, Tensor<T>? variance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(targets);
        return Loss switch
        {
            LossKind.Bce => Astrograd.Losses.Loss.BinaryCrossEntropyWithLogits(output, targets, Reduction),
            LossKind.L1 => Astrograd.Losses.Loss.L1(output, targets, Reduction),
            LossKind.Huber => Astrograd.Losses.Loss.Huber(output, targets, 1.0, Reduction),
            LossKind.Chi2 => ChiSquare.Compute(output, targets, variance ?? throw new ArgumentException(
                "Objective: chi2 needs the variance of every target (--sigma).", nameof(variance)), Reduction),
            LossKind.GaussianNll => GaussianNll.Compute(output, targets, variance, Reduction),
            LossKind.StudentT => StudentTNll.Compute(output, targets, Nu, variance, Reduction),
            _ => Astrograd.Losses.Loss.L2(output, targets, Reduction),
        };
    }

    /// <summary>Whether <paramref name="loss"/> can train a <paramref name="task"/> network: bce for binary, ce for
    /// multiclass, any other for regression.</summary>
    public static bool Fits(TaskKind task, LossKind loss) => task switch
    {
        TaskKind.Binary => loss == LossKind.Bce,
        TaskKind.Multiclass => loss == LossKind.Ce,
        _ => loss is not (LossKind.Bce or LossKind.Ce),
    };

    /// <summary>The losses that fit <paramref name="task"/>, as a message lists them.</summary>
    internal static string Allowed(TaskKind task) => task switch
    {
        TaskKind.Binary => "bce",
        TaskKind.Multiclass => "ce",
        _ => "l1, l2, huber, chi2, gaussian-nll or student-t",
    };
}
