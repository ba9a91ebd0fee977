using System.Globalization;
using System.Numerics;
using Astrograd.NN;

namespace Astrograd.Optim;

/// <summary>
/// Updates parameters from their gradients. <see cref="Step()"/> applies one update from the gradients
/// accumulated by backward; <see cref="ZeroGrad"/> clears them before the next batch.
/// </summary>
/// <remarks>
/// Per-parameter state (moments, velocities) is made lazily at a parameter's first update and reused after, so
/// a step allocates nothing once every parameter has been updated once (L-BFGS: once its history is full).
/// Gradients are read, never changed.
/// </remarks>
public abstract class Optimizer<T> : IHasLearningRate
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Takes the parameters to update, in a fixed order (the order of their state).</summary>
    protected Optimizer(IEnumerable<Parameter<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = [.. parameters];
        if (Parameters.Count == 0)
        {
            throw new ArgumentException($"{Name}: there are no parameters to optimise.", nameof(parameters));
        }

        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i] is null)
            {
                throw new ArgumentException($"{Name}: parameter {i} is null.", nameof(parameters));
            }
        }
    }

    /// <summary>The parameters this optimizer updates.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The optimizer's name without the type argument (<c>Adam</c>); it tags exported state.</summary>
    public string Name
    {
        get
        {
            var name = GetType().Name;
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            return tick < 0 ? name : name[..tick];
        }
    }

    /// <summary>The step size λ used by the next <see cref="Step()"/>; schedules change it between epochs. Setting
    /// it checks that it is finite and ≥ 0.</summary>
    public abstract double LearningRate { get; set; }

    /// <summary>The number of steps taken.</summary>
    public long Steps { get; protected set; }

    /// <summary>
    /// True when <see cref="Step()"/> cannot work from the gradients alone and <see cref="Step(Func{T})"/> must be
    /// used (L-BFGS re-evaluates the loss during its line search).
    /// </summary>
    public virtual bool NeedsClosure => false;

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public abstract void Step();

    /// <summary>
    /// Calls <paramref name="closure"/> (which must zero the gradients, compute the loss, run backward and return
    /// the loss), then applies <see cref="Step()"/>. Optimizers that need the loss at other points call it more
    /// than once.
    /// </summary>
    /// <returns>The loss at the parameters as they were before the step.</returns>
    public virtual T Step(Func<T> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        var loss = closure();
        Step();
        return loss;
    }

    /// <summary>Zeros every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        // An index loop: foreach over the interface would allocate an enumerator every batch.
        for (var i = 0; i < Parameters.Count; i++)
        {
            Parameters[i].ZeroGrad();
        }
    }

    /// <summary>
    /// A copy of this optimizer's state for a checkpoint: the step count and learning rate as scalars
    /// (<c>steps</c>, <c>learning_rate</c>) and every state buffer as a tensor. Per-parameter buffers are named
    /// <c>{index}.{buffer}</c> after the parameter's position in <see cref="Parameters"/> (<c>0.first_moment</c>)
    /// and have its shape; a parameter not yet updated has none.
    /// </summary>
    public OptimizerState<T> ExportState()
    {
        var writer = new OptimizerStateWriter<T>(Name, Parameters);
        writer.Scalar("steps", Steps);
        writer.Scalar("learning_rate", LearningRate);
        WriteState(writer);
        return writer.ToState();
    }

    /// <summary>
    /// Replaces this optimizer's state by <paramref name="state"/> (from <see cref="ExportState"/> of an
    /// optimizer of the same kind over parameters of the same shapes). The buffers are copied. Nothing changes
    /// when the state is refused.
    /// </summary>
    /// <exception cref="ArgumentException">The state is of another optimizer, names an unknown buffer or scalar,
    /// or a buffer's shape differs from its parameter's.</exception>
    public void ImportState(OptimizerState<T> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Optimizer != Name)
        {
            throw new ArgumentException(
                $"{Name}: the state was exported by {state.Optimizer}; import it into a {state.Optimizer}.",
                nameof(state));
        }

        // Read into the live optimizer, and put the old state back if anything is refused half-way.
        var before = ExportState();
        try
        {
            Apply(state);
        }
        catch (ArgumentException)
        {
            Apply(before);
            throw;
        }
    }

    /// <summary>Adds the state buffers and scalars of the derived optimizer to <paramref name="writer"/>.</summary>
    private protected abstract void WriteState(OptimizerStateWriter<T> writer);

    /// <summary>Replaces the derived optimizer's buffers and scalars by those <paramref name="reader"/> holds;
    /// each one absent from the reader is reset (made again lazily).</summary>
    private protected abstract void ReadState(OptimizerStateReader<T> reader);

    /// <summary>
    /// The learning-rate check of every optimizer: finite and &gt; 0 in the options; finite and ≥ 0 when set
    /// later (<paramref name="allowZero"/>), since a schedule may anneal the rate down to 0.
    /// </summary>
    private protected void CheckLearningRate(double lr, bool allowZero = false)
    {
        if (!(lr > 0 || (allowZero && lr == 0)) || !double.IsFinite(lr))
        {
            throw new ArgumentOutOfRangeException(nameof(lr),
                string.Create(CultureInfo.InvariantCulture,
                    $"{Name}: the learning rate must be finite and {(allowZero ? ">=" : ">")} 0, got {lr}."));
        }
    }

    private void Apply(OptimizerState<T> state)
    {
        var reader = new OptimizerStateReader<T>(state, Parameters);
        if (!state.Scalars.ContainsKey("steps"))
        {
            throw new ArgumentException($"{Name}: the state has no 'steps'.", nameof(state));
        }

        var steps = reader.WholeNumber("steps");
        var lr = reader.Scalar("learning_rate")
            ?? throw new ArgumentException($"{Name}: the state has no 'learning_rate'.", nameof(state));
        CheckLearningRate(lr, allowZero: true);
        ReadState(reader);
        reader.CheckAllUsed();

        LearningRate = lr;
        Steps = steps;
    }
}
