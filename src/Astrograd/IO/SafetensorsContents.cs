using System.Diagnostics.CodeAnalysis;

namespace Astrograd.IO;

/// <summary>What <see cref="SafetensorsFile.Read(string)"/> found: the tensors, in data order, and the metadata.
/// </summary>
public sealed class SafetensorsContents
{
    private readonly Dictionary<string, SafetensorsTensor> _byName;

    internal SafetensorsContents(IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The tensors, ordered by where their bytes lie in the file (for files written by
    /// <see cref="SafetensorsFile"/>, the order they were given in).</summary>
    public IReadOnlyList<SafetensorsTensor> Tensors { get; }

    /// <summary>The string → string pairs of the header's <c>__metadata__</c> object; empty when it
    /// has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name; the message lists the names there are.
    /// </exception>
    public SafetensorsTensor this[string name] =>
        _byName.TryGetValue(name, out var tensor)
            ? tensor
            : throw new KeyNotFoundException(
                $"Safetensors: no tensor named {SafetensorsText.Quote(name)}; the file holds " +
                (_byName.Count == 0
                    ? "none."
                    : Data.MessageText.List(Tensors.Select(t => SafetensorsText.Quote(t.Name)), 10) + "."));

    /// <summary>Looks up the tensor named <paramref name="name"/>.</summary>
    public bool TryGetTensor(string name, [NotNullWhen(true)] out SafetensorsTensor? tensor) =>
        _byName.TryGetValue(name, out tensor);
}
