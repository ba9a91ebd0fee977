namespace Astrograd;

/// <summary>Views a tensor as [outer, n, inner] around one axis, for the ops that work along an axis.</summary>
internal static class ActivationAxis
{
    /// <summary>
    /// The normalised axis and the sizes before it (outer), along it (n) and after it (inner); the error for
    /// an axis out of range names <paramref name="op"/> and the shape.
    /// </summary>
    public static (int Axis, int Outer, int N, int Inner) Split(Shape shape, int axis, string op)
    {
        var a = shape.NormalizeAxis(axis, op);
        var dims = shape.Dims;
        int outer = 1, inner = 1;
        for (var i = 0; i < a; i++)
        {
            outer *= dims[i];
        }

        for (var i = a + 1; i < dims.Length; i++)
        {
            inner *= dims[i];
        }

        return (a, outer, dims[a], inner);
    }
}
