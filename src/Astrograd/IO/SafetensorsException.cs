namespace Astrograd.IO;

/// <summary>
/// A safetensors file could not be read: it is malformed, truncated, hostile, or could not be opened. The message
/// is one line naming the file and, where one is involved, the tensor or header field.
/// </summary>
public sealed class SafetensorsException : Exception
{
    /// <summary>Creates the exception with a ready-made one-line message.</summary>
    public SafetensorsException(string message)
        : base(message)
    {
        FileName = "";
    }

    /// <summary>Creates the exception with a ready-made one-line message and the error that caused it.</summary>
    public SafetensorsException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = "";
    }

    /// <summary>Creates the exception; the message reads <c>{fileName}: tensor '{tensorName}': {detail}</c>.</summary>
    /// <param name="fileName">The path, or a caller-given name for a stream.</param>
    /// <param name="tensorName">The tensor concerned, or null when the fault is not about one tensor.</param>
    /// <param name="detail">What was expected and what was found.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SafetensorsException(string fileName, string? tensorName, string detail, Exception? innerException = null)
        : base(Compose(fileName, tensorName, detail), innerException)
    {
        FileName = fileName;
        TensorName = tensorName;
    }

    /// <summary>The path or stream name the fault was found in; empty when not given.</summary>
    public string FileName { get; }

    /// <summary>The tensor the fault concerns; null when it concerns the file as a whole.</summary>
    public string? TensorName { get; }

    private static string Compose(string fileName, string? tensorName, string detail)
    {
        var where = tensorName is null ? "" : $"tensor {SafetensorsText.Quote(tensorName)}: ";
        return SafetensorsText.OneLine($"{fileName}: {where}{detail}");
    }
}
