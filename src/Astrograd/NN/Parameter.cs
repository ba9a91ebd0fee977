using System.Numerics;

namespace Astrograd.NN;

/// <summary>
/// A tensor that training changes (a weight or a bias): a leaf that requires grad from the start.
/// Distinct from plain tensors so that modules and optimizers know what to update.
/// </summary>
public sealed class Parameter<T> : Tensor<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Wraps <paramref name="data"/> (not copied) as a parameter of <paramref name="shape"/>.</summary>
    public Parameter(Shape shape, T[] data)
        : base(shape, data)
    {
        RequiresGrad = true;
    }

    /// <summary>A parameter holding a copy of <paramref name="values"/>' elements.</summary>
    public static Parameter<T> From(Tensor<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Parameter<T>(values.Shape, values.ToArray());
    }
}
