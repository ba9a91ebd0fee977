using System.Text;

namespace Astrograd.Tests.Fuzz;

/// <summary>
/// The property every fuzz case checks: reading hostile bytes either succeeds or throws one of the reader's own
/// exception types with a non-empty message, and returns within <see cref="FuzzBudget.HangLimit"/>. Anything
/// else (IndexOutOfRange, NullReference, OutOfMemory, InvalidCast, Overflow, a hang) fails the case.
/// </summary>
internal static class FuzzOracle
{
    public static void Check(byte[] input, Action read, params Type[] allowed)
    {
        Exception? thrown = null;
        var worker = new Thread(() =>
        {
            try
            {
                read();
            }
            catch (Exception e)
            {
                thrown = e;
            }
        }, maxStackSize: 16 << 20)
        { IsBackground = true };
        worker.Start();

        if (!worker.Join(FuzzBudget.HangLimit))
        {
            throw new FuzzFailure($"the reader did not return within {FuzzBudget.HangLimit.TotalSeconds} s", input);
        }

        if (thrown is null)
        {
            return;
        }

        if (!allowed.Contains(thrown.GetType()))
        {
            throw new FuzzFailure($"the reader threw {thrown.GetType().Name}: {thrown.Message}", input, thrown);
        }

        if (string.IsNullOrWhiteSpace(thrown.Message))
        {
            throw new FuzzFailure($"the reader threw {thrown.GetType().Name} with an empty message", input);
        }
    }
}

/// <summary>A fuzz case that broke the property; the message carries the first bytes of the input.</summary>
internal sealed class FuzzFailure(string message, byte[] input, Exception? inner = null)
    : Exception($"{message}; input ({input.Length} bytes) begins {Preview(input)}", inner)
{
    private static string Preview(byte[] input)
    {
        var head = input.AsSpan(0, Math.Min(input.Length, 96));
        return "'" + Encoding.Latin1.GetString(head).Replace("\n", "\\n", StringComparison.Ordinal) + "'";
    }
}
