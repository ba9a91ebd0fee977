using System.Globalization;
using System.Numerics;
using Astrograd.NN;

namespace Astrograd.Optim;

/// <summary>Collects an optimizer's buffers and scalars, copied, into an <see cref="OptimizerState{T}"/>.</summary>
internal sealed class OptimizerStateWriter<T>(string optimizer, IReadOnlyList<Parameter<T>> parameters)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<string, double> _scalars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tensor<T>> _tensors = new(StringComparer.Ordinal);

    public void Scalar(string name, double value) => _scalars.Add(name, value);

    public void Tensor(string name, Shape shape, ReadOnlySpan<T> values) =>
        _tensors.Add(name, new Tensor<T>(shape, values.ToArray()));

    /// <summary>Writes <c>{i}.{buffer}</c> for every parameter i whose buffer exists.</summary>
    public void PerParameter(string buffer, T[]?[] buffers)
    {
        for (var i = 0; i < buffers.Length; i++)
        {
            if (buffers[i] is { } b)
            {
                Tensor(Key(i, buffer), parameters[i].Shape, b);
            }
        }
    }

    /// <summary>Writes the scalar <c>{i}.{name}</c> for every parameter i whose <paramref name="present"/>
    /// buffer exists.</summary>
    public void PerParameter(string name, long[] values, T[]?[] present)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (present[i] is not null)
            {
                Scalar(Key(i, name), values[i]);
            }
        }
    }

    public OptimizerState<T> ToState() => new(optimizer, _scalars, _tensors);

    public static string Key(int parameter, string buffer) =>
        string.Create(CultureInfo.InvariantCulture, $"{parameter}.{buffer}");
}
