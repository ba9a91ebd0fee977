using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using Astrograd.NN;

namespace Astrograd.Optim;

/// <summary>
/// Limited-memory BFGS (Nocedal and Wright, "Numerical Optimization", 2nd ed., §7.2): a quasi-Newton method
/// that models the inverse Hessian from the last m pairs sₖ = xₖ₊₁ − xₖ, yₖ = gₖ₊₁ − gₖ and moves along
/// d = −H·g, found by the two-loop recursion (their Algorithm 7.4) with H₀ = γI, γ = sᵀy / yᵀy from the newest
/// pair (eq. 7.20). The step length comes from a strong-Wolfe line search or is fixed at λ.
/// </summary>
/// <remarks>
/// <para>For full-batch problems: the line search and the curvature pairs assume every evaluation sees the same
/// loss. The loss is re-evaluated at other points, so use <see cref="Step(Func{T})"/> with a closure that zeroes
/// the gradients, computes the loss, runs backward and returns the loss; <see cref="Step()"/> refuses.</para>
/// <para>One step runs up to <see cref="LbfgsOptions.MaxIterations"/> iterations and stops early when the
/// largest gradient element falls to <see cref="LbfgsOptions.GradientTolerance"/>, when the loss or the
/// parameters change by less than <see cref="LbfgsOptions.ChangeTolerance"/>, or when the evaluation budget is
/// spent. The very first direction is −g, not yet scaled by any curvature, so its first trial step is
/// λ·min(1, 1/‖g‖₁). A pair is kept only when sᵀy &gt; 10⁻¹⁰, which keeps H positive definite. The state
/// (direction, history, last step length) carries over from one step to the next.</para>
/// </remarks>
public sealed class Lbfgs<T> : Optimizer<T>, ILineObjective<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Curvature pairs with sᵀy at or below this are skipped: they would make H indefinite or blow up ρ.
    private const double MinCurvature = 1e-10;

    private readonly int _length;
    private readonly T[]?[] _s;
    private readonly T[]?[] _y;
    private readonly double[] _rho;
    private readonly double[] _alpha;
    private T[]? _x;
    private T[]? _gradient;
    private T[]? _previousGradient;
    private T[]? _direction;
    private T[]? _newS;
    private T[]? _newY;
    private StrongWolfeLineSearch<T>? _search;
    private Func<T>? _closure;
    private int _count;
    private int _oldest;
    private double _t;
    private double _hDiagonal = 1;
    private double _previousLoss;
    private double _learningRate;

    /// <summary>An optimizer for <paramref name="parameters"/> with <paramref name="options"/>.</summary>
    public Lbfgs(IEnumerable<Parameter<T>> parameters, LbfgsOptions options)
        : base(parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        Options = options;
        _learningRate = options.LearningRate;
        foreach (var p in Parameters)
        {
            _length = checked(_length + p.Size);
        }

        _s = new T[]?[options.HistorySize];
        _y = new T[]?[options.HistorySize];
        _rho = new double[options.HistorySize];
        _alpha = new double[options.HistorySize];
    }

    /// <summary>The options given at construction.</summary>
    public LbfgsOptions Options { get; }

    /// <inheritdoc/>
    public override double LearningRate
    {
        get => _learningRate;
        set
        {
            CheckLearningRate(value, allowZero: true);
            _learningRate = value;
        }
    }

    /// <summary>True: L-BFGS re-evaluates the loss, so it needs <see cref="Step(Func{T})"/>.</summary>
    public override bool NeedsClosure => true;

    /// <summary>Iterations run over all steps.</summary>
    public long Iterations { get; private set; }

    /// <summary>Loss evaluations (closure calls) over all steps.</summary>
    public long Evaluations { get; private set; }

    /// <summary>The number of curvature pairs held, at most <see cref="LbfgsOptions.HistorySize"/>.</summary>
    public int HistoryCount => _count;

    /// <summary>Refuses: L-BFGS needs to re-evaluate the loss.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public override void Step() =>
        throw new InvalidOperationException("Lbfgs: a step re-evaluates the loss, so it needs a closure: call " +
            "Step(closure) with one that zeroes the gradients, computes the loss, runs backward and returns it.");

    /// <summary>Runs up to <see cref="LbfgsOptions.MaxIterations"/> L-BFGS iterations from the current
    /// parameters, calling <paramref name="closure"/> for every loss evaluation.</summary>
    /// <returns>The loss at the parameters as they were before the step.</returns>
    public override T Step(Func<T> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        _closure = closure;
        try
        {
            return Run();
        }
        finally
        {
            _closure = null;
        }
    }

    private T Run()
    {
        var g = _gradient ??= new T[_length];
        var d = _direction ??= new T[_length];
        var previous = _previousGradient ??= new T[_length];
        var options = Options;
        var budget = options.EvaluationBudget;

        var first = Evaluate(g);
        var loss = double.CreateTruncating(first);
        var evaluations = 1;
        if (MaxMagnitude(g) <= options.GradientTolerance)
        {
            Steps++;
            return first;
        }

        for (var iteration = 1; ; iteration++)
        {
            Iterations++;
            if (Iterations == 1)
            {
                TensorPrimitives.Negate(g, d);
                _count = 0;
                _oldest = 0;
                _hDiagonal = 1;
            }
            else
            {
                AddPair(g, previous, d);
                TwoLoop(g, d);
            }

            g.AsSpan().CopyTo(previous);
            _previousLoss = loss;
            var t = Iterations == 1
                ? Math.Min(1, 1 / double.CreateTruncating(TensorPrimitives.SumOfMagnitudes<T>(g))) * _learningRate
                : _learningRate;
            _t = t;
            var slope = double.CreateTruncating(TensorPrimitives.Dot<T>(g, d));
            if (slope > -options.ChangeTolerance || double.IsNaN(slope))
            {
                // Not a descent direction (or a negligible one, or NaN): no step along it can lower the loss.
                break;
            }

            var used = 0;
            if (options.LineSearch == LbfgsLineSearch.StrongWolfe)
            {
                var x = _x ??= new T[_length];
                CopyParameters(x);
                _search ??= new StrongWolfeLineSearch<T>(_length);
                (t, loss, used) = _search.Search(this, d, t, loss, g, slope, options);
                MoveParameters(x, t, d);
            }
            else
            {
                MoveParameters(null, t, d);
                if (iteration != options.MaxIterations)
                {
                    loss = double.CreateTruncating(Evaluate(g));
                    used = 1;
                }
            }

            _t = t;
            evaluations += used;
            if (iteration == options.MaxIterations || evaluations >= budget
                || MaxMagnitude(g) <= options.GradientTolerance
                || t * MaxMagnitude(d) <= options.ChangeTolerance
                || Math.Abs(loss - _previousLoss) < options.ChangeTolerance)
            {
                break;
            }
        }

        Steps++;
        return first;
    }

    /// <inheritdoc/>
    private protected override void WriteState(OptimizerStateWriter<T> writer)
    {
        writer.Scalar("iterations", Iterations);
        writer.Scalar("evaluations", Evaluations);
        if (Iterations == 0)
        {
            return;
        }

        writer.Scalar("step_length", _t);
        writer.Scalar("h_diagonal", _hDiagonal);
        writer.Scalar("previous_loss", _previousLoss);
        var vector = new Shape(_length);
        writer.Tensor("direction", vector, _direction);
        writer.Tensor("previous_gradient", vector, _previousGradient);
        if (_count > 0)
        {
            // The pairs oldest first, one row each.
            var s = new T[_count * _length];
            var y = new T[_count * _length];
            for (var j = 0; j < _count; j++)
            {
                var k = (_oldest + j) % _s.Length;
                _s[k].AsSpan().CopyTo(s.AsSpan(j * _length));
                _y[k].AsSpan().CopyTo(y.AsSpan(j * _length));
            }

            writer.Tensor("history_s", new Shape(_count, _length), s);
            writer.Tensor("history_y", new Shape(_count, _length), y);
        }
    }

    /// <inheritdoc/>
    private protected override void ReadState(OptimizerStateReader<T> reader)
    {
        var iterations = reader.WholeNumber("iterations");
        var evaluations = reader.WholeNumber("evaluations");
        var vector = new Shape(_length);
        var direction = reader.Tensor("direction", vector);
        var previous = reader.Tensor("previous_gradient", vector);
        var t = reader.Scalar("step_length");
        var hDiagonal = reader.Scalar("h_diagonal");
        var previousLoss = reader.Scalar("previous_loss");
        var s = reader.Rows("history_s", _length, _s.Length);
        var y = reader.Rows("history_y", _length, _s.Length);
        var rows = s?.Length / _length ?? 0;
        var complete = direction is not null && previous is not null && t is not null && hDiagonal is not null
            && previousLoss is not null && (y?.Length ?? 0) == (s?.Length ?? 0);
        var absent = direction is null && previous is null && t is null && hDiagonal is null && previousLoss is null
            && s is null && y is null;
        if (iterations > 0 ? !complete : !absent)
        {
            throw new ArgumentException("Lbfgs: the state is incomplete: after an iteration it needs direction, " +
                "previous_gradient, step_length, h_diagonal, previous_loss and as many history_y rows as " +
                "history_s rows; before one, none of them.", "state");
        }

        Array.Clear(_s);
        Array.Clear(_y);
        _newS = _newY = null;
        for (var j = 0; j < rows; j++)
        {
            var sj = s.AsSpan(j * _length, _length).ToArray();
            var yj = y.AsSpan(j * _length, _length).ToArray();
            var ys = double.CreateTruncating(TensorPrimitives.Dot<T>(yj, sj));
            if (!(ys > MinCurvature))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Lbfgs: history pair {j} has curvature sᵀy = {ys}, not > {MinCurvature}; the state is corrupt."),
                    "state");
            }

            (_s[j], _y[j], _rho[j]) = (sj, yj, 1 / ys);
        }

        Iterations = iterations;
        Evaluations = evaluations;
        _direction = direction;
        _previousGradient = previous;
        _count = rows;
        _oldest = 0;
        _t = t ?? 0;
        _hDiagonal = hDiagonal ?? 1;
        _previousLoss = previousLoss ?? 0;
    }

    /// <summary>Adds the pair s = t·d, y = g − g′ of the last iteration when its curvature sᵀy is positive.</summary>
    private void AddPair(T[] g, T[] previous, T[] d)
    {
        var s = _newS ??= new T[_length];
        var y = _newY ??= new T[_length];
        TensorPrimitives.Subtract(g, previous, y);
        TensorPrimitives.Multiply(d, T.CreateChecked(_t), s);
        var ys = double.CreateTruncating(TensorPrimitives.Dot<T>(y, s));
        if (!(ys > MinCurvature))
        {
            return;
        }

        // The pair moves into the history; the buffers it replaces (if any) become the next scratch pair.
        var m = _s.Length;
        var slot = _count < m ? (_oldest + _count) % m : _oldest;
        (_s[slot], _newS) = (s, _s[slot]);
        (_y[slot], _newY) = (y, _y[slot]);
        _rho[slot] = 1 / ys;
        if (_count < m)
        {
            _count++;
        }
        else
        {
            _oldest = (_oldest + 1) % m;
        }

        _hDiagonal = ys / double.CreateTruncating(TensorPrimitives.Dot<T>(y, y));
    }

    /// <summary>d = −H·g by the two-loop recursion over the pairs, newest first then oldest first.</summary>
    private void TwoLoop(T[] g, T[] d)
    {
        TensorPrimitives.Negate(g, d);
        var m = _s.Length;
        for (var j = _count - 1; j >= 0; j--)
        {
            var k = (_oldest + j) % m;
            var a = _rho[k] * double.CreateTruncating(TensorPrimitives.Dot<T>(_s[k]!, d));
            _alpha[k] = a;
            TensorPrimitives.FusedMultiplyAdd(_y[k]!, T.CreateChecked(-a), d, d);
        }

        TensorPrimitives.Multiply(d, T.CreateChecked(_hDiagonal), d);
        for (var j = 0; j < _count; j++)
        {
            var k = (_oldest + j) % m;
            var b = _rho[k] * double.CreateTruncating(TensorPrimitives.Dot<T>(_y[k]!, d));
            TensorPrimitives.FusedMultiplyAdd(_s[k]!, T.CreateChecked(_alpha[k] - b), d, d);
        }
    }

    /// <inheritdoc/>
    double ILineObjective<T>.Evaluate(double t, T[] gradient)
    {
        MoveParameters(_x, t, _direction!);
        return double.CreateTruncating(Evaluate(gradient));
    }

    /// <summary>Calls the closure and gathers every parameter's gradient into <paramref name="gradient"/> (zeros
    /// for a parameter the loss does not reach).</summary>
    private T Evaluate(T[] gradient)
    {
        var loss = _closure!();
        Evaluations++;
        var offset = 0;
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            var part = gradient.AsSpan(offset, p.Size);
            if (p.Grad is null)
            {
                part.Clear();
            }
            else
            {
                p.Grad.Span.CopyTo(part);
            }

            offset += p.Size;
        }

        return loss;
    }

    private void CopyParameters(T[] x)
    {
        var offset = 0;
        for (var i = 0; i < Parameters.Count; i++)
        {
            Parameters[i].Span.CopyTo(x.AsSpan(offset));
            offset += Parameters[i].Size;
        }
    }

    /// <summary>Sets the parameters to x + t·d, or moves them by t·d when <paramref name="x"/> is null.</summary>
    private void MoveParameters(T[]? x, double t, T[] d)
    {
        var step = T.CreateChecked(t);
        var offset = 0;
        for (var i = 0; i < Parameters.Count; i++)
        {
            var w = Parameters[i].Span;
            ReadOnlySpan<T> from = x is null ? w : x.AsSpan(offset, w.Length);
            TensorPrimitives.FusedMultiplyAdd(d.AsSpan(offset, w.Length), step, from, w);
            offset += w.Length;
        }
    }

    private static double MaxMagnitude(T[] v) =>
        double.CreateTruncating(T.Abs(v[TensorPrimitives.IndexOfMaxMagnitude<T>(v)]));
}
