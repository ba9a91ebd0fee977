using System.Numerics;
using Astrograd.Kernels;

namespace Astrograd.Tests.Ops.Activations;

/// <summary>
/// Every activation kernel at every length 0..256, in float and double, against the scalar float64
/// reference: forward values, backward accumulating onto an existing gradient, and nothing written past the
/// end of the destination.
/// </summary>
public class ActivationKernelSweepTests
{
    private const int MaxLength = 256;
    private const int Guard = 16;

    public static TheoryData<string> Names => new(ActivationReference.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Kernel_matches_the_scalar_reference_at_every_length_in_double(string name) =>
        // Exact gelu's left tail is x·erfc(|x|/√2)/2, and erfc between 1 and 2.5 is 1 − erf: about 1e-12 relative.
        Sweep<double>(name, relative: name == "gelu" ? 1e-11 : 1e-13, absolute: 1e-15, gradientAbsolute: 1e-15);

    [Theory]
    [MemberData(nameof(Names))]
    public void Kernel_matches_the_scalar_reference_at_every_length_in_float(string name) =>
        // Gradients read from a float output (σ′ = y(1 − y), tanh′ = 1 − y²) lose digits where y is near ±1:
        // the error is about |g| times an ulp of 1.
        Sweep<float>(name, relative: 1e-6, absolute: 1e-7, gradientAbsolute: 1e-6);

    [Theory]
    [MemberData(nameof(Names))]
    public void Kernel_keeps_relative_accuracy_for_tiny_inputs_in_double(string name) =>
        Sweep<double>(name, relative: 1e-13, absolute: 0, gradientAbsolute: 1e-15, tiny: true);

    [Theory]
    [MemberData(nameof(Names))]
    public void Kernel_keeps_relative_accuracy_for_tiny_inputs_in_float(string name) =>
        Sweep<float>(name, relative: 1e-6, absolute: 0, gradientAbsolute: 1e-6, tiny: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Softmax_kernels_match_the_scalar_reference_at_every_row_length_in_double(bool strided) =>
        SweepSoftmax<double>(strided, relative: 1e-13, absolute: 1e-13);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Softmax_kernels_match_the_scalar_reference_at_every_row_length_in_float(bool strided) =>
        // log-softmax near 0 is x_j − m − log Σ: an absolute error of an ulp of the logits (up to 20 here).
        SweepSoftmax<float>(strided, relative: 2e-6, absolute: 5e-6);

    // tiny: inputs ±10^u, u uniform in [−12, 0] (relative accuracy near 0); otherwise uniform in [−8, 8].
    private static void Sweep<T>(string name, double relative, double absolute, double gradientAbsolute,
        bool tiny = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Rng(42);
        for (var n = 0; n <= MaxLength; n++)
        {
            var x = tiny ? DrawTiny<T>(rng, n) : Draw<T>(rng, n, -8, 8);
            var g = Draw<T>(rng, n, -2, 2);
            var y = Guarded<T>(n, T.NaN);
            var dx = Guarded<T>(n, T.CreateChecked(0.25));

            ActivationReference.Forward<T>(name, x, y.AsSpan(0, n));
            ActivationReference.Backward<T>(name, x, y.AsSpan(0, n), g, dx.AsSpan(0, n));

            for (var i = 0; i < n; i++)
            {
                var xi = double.CreateChecked(x[i]);
                var where = FormattableString.Invariant($"{name}<{typeof(T).Name}> length {n} element {i} x = {xi:R}");
                AssertClose(ActivationReference.Value(name, xi), y[i], relative, absolute, where + " (value)");
                var expected = 0.25 + (double.CreateChecked(g[i]) * ActivationReference.Derivative(name, xi));
                AssertClose(expected, dx[i], relative, gradientAbsolute, where + " (gradient)");
            }

            AssertGuardUntouched(y, n, T.NaN, name);
            AssertGuardUntouched(dx, n, T.CreateChecked(0.25), name);
        }
    }

    private static void SweepSoftmax<T>(bool strided, double relative, double absolute)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Contiguous: two rows of length n ([2, n], axis −1). Strided: axis 0 of [n, 3] (inner = 3).
        var rng = new Rng(43);
        for (var n = 0; n <= MaxLength; n++)
        {
            int outer = strided ? 1 : 2, inner = strided ? 3 : 1;
            var size = outer * n * inner;
            var x = Draw<T>(rng, size, -20, 20);
            var g = Draw<T>(rng, size, -2, 2);
            var gReduced = Draw<T>(rng, outer * inner, -2, 2);
            var softmax = Guarded<T>(size, T.NaN);
            var logSoftmax = Guarded<T>(size, T.NaN);
            var lse = Guarded<T>(outer * inner, T.NaN);
            var dSoftmax = Guarded<T>(size, T.CreateChecked(0.25));
            var dLogSoftmax = Guarded<T>(size, T.CreateChecked(0.25));
            var dLse = Guarded<T>(size, T.CreateChecked(0.25));

            SoftmaxKernel.Forward<T>(x, softmax.AsSpan(0, size), outer, n, inner);
            SoftmaxKernel.LogForward<T>(x, logSoftmax.AsSpan(0, size), outer, n, inner);
            LogSumExpKernel.Forward<T>(x, lse.AsSpan(0, outer * inner), outer, n, inner);
            SoftmaxKernel.Backward<T>(softmax.AsSpan(0, size), g, dSoftmax.AsSpan(0, size), outer, n, inner);
            SoftmaxKernel.LogBackward<T>(logSoftmax.AsSpan(0, size), g, dLogSoftmax.AsSpan(0, size), outer, n, inner);
            LogSumExpKernel.Backward<T>(x, lse.AsSpan(0, outer * inner), gReduced, dLse.AsSpan(0, size), outer, n,
                inner);

            for (var r = 0; r < outer * inner; r++)
            {
                var (o, i) = (r / inner, r % inner);
                var k = Enumerable.Range(0, n).Select(j => (((o * n) + j) * inner) + i).ToArray();
                var xs = k.Select(j => double.CreateChecked(x[j])).ToArray();
                var gs = k.Select(j => double.CreateChecked(g[j])).ToArray();
                var where = FormattableString.Invariant($"<{typeof(T).Name}> n {n} strided {strided} slice {r}");
                if (n == 0)
                {
                    Assert.True(T.IsNegativeInfinity(lse[r]), "log-sum-exp of an empty slice is -inf" + where);
                    continue;
                }

                var m = xs.Max();
                var sum = xs.Sum(v => Math.Exp(v - m));
                var p = xs.Select(v => Math.Exp(v - m) / sum).ToArray();
                var dot = gs.Zip(p, (a, b) => a * b).Sum();
                AssertClose(m + Math.Log(sum), lse[r], relative, absolute, "logsumexp" + where);
                for (var j = 0; j < n; j++)
                {
                    var at = FormattableString.Invariant($"{where} element {j}");
                    AssertClose(p[j], softmax[k[j]], relative, absolute, "softmax" + at);
                    AssertClose(xs[j] - m - Math.Log(sum), logSoftmax[k[j]], relative, absolute, "log softmax" + at);
                    AssertClose(0.25 + (p[j] * (gs[j] - dot)), dSoftmax[k[j]], relative, absolute,
                        "softmax backward" + at);
                    AssertClose(0.25 + gs[j] - (p[j] * gs.Sum()), dLogSoftmax[k[j]], relative, absolute,
                        "log softmax backward" + at);
                    AssertClose(0.25 + (double.CreateChecked(gReduced[r]) * p[j]), dLse[k[j]], relative, absolute,
                        "logsumexp backward" + at);
                }
            }

            AssertGuardUntouched(softmax, size, T.NaN, "softmax");
            AssertGuardUntouched(logSoftmax, size, T.NaN, "log softmax");
            AssertGuardUntouched(lse, outer * inner, T.NaN, "logsumexp");
            AssertGuardUntouched(dSoftmax, size, T.CreateChecked(0.25), "softmax backward");
            AssertGuardUntouched(dLogSoftmax, size, T.CreateChecked(0.25), "log softmax backward");
            AssertGuardUntouched(dLse, size, T.CreateChecked(0.25), "logsumexp backward");
        }
    }

    private static T[] Draw<T>(Rng rng, int n, double low, double high)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = T.CreateChecked(rng.NextUniform(low, high));
        }

        return values;
    }

    private static T[] DrawTiny<T>(Rng rng, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[n];
        for (var i = 0; i < n; i++)
        {
            var magnitude = Math.Pow(10, rng.NextUniform(-12, 0));
            values[i] = T.CreateChecked(rng.NextUniform(0, 1) < 0.5 ? -magnitude : magnitude);
        }

        return values;
    }

    // A buffer of n elements plus a guard band, all set to fill; kernels get only the first n.
    private static T[] Guarded<T>(int n, T fill)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var buffer = new T[n + Guard];
        Array.Fill(buffer, fill);
        return buffer;
    }

    private static void AssertGuardUntouched<T>(T[] buffer, int n, T fill, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = n; i < buffer.Length; i++)
        {
            Assert.True(buffer[i].Equals(fill), $"{name}: element {i} past the end (length {n}) was written");
        }
    }

    private static void AssertClose<T>(double expected, T actual, double relative, double absolute, string where)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = double.CreateChecked(actual);
        var ok = Math.Abs(a - expected) <= absolute + (relative * Math.Abs(expected));
        Assert.True(ok, FormattableString.Invariant($"{where}: expected {expected:R}, got {a:R}"));
    }
}
