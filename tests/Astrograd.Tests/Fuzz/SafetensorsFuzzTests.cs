using System.Buffers.Binary;
using System.Text;
using Astrograd.IO;
using CsCheck;

namespace Astrograd.Tests.Fuzz;

/// <summary>The safetensors reader on random bytes, mutations of a valid file and forged length fields, seekable
/// and not: every tensor decoded, or a SafetensorsException.</summary>
public sealed class SafetensorsFuzzTests
{
    private static readonly byte[] _valid = Write(
    [
        SafetensorsTensor.FromSingles("layers.0.weight", [2, 3], [1, 2, 3, 4, 5, 6]),
        SafetensorsTensor.FromDoubles("layers.0.bias", [2], [0.5, -0.5]),
        SafetensorsTensor.FromRaw("flags", SafetensorsDType.U8, [4], [1, 0, 1, 1]),
    ]);

    [Fact]
    public void Random_bytes_give_tensors_or_a_safetensors_error() =>
        Mutations.RandomBytes(512).Sample(Read, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations);

    [Fact]
    public void Mutated_files_give_tensors_or_a_safetensors_error() =>
        Mutations.Of(_valid).Sample(Read, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations);

    [Fact]
    public void Forged_header_lengths_give_a_safetensors_error() =>
        Gen.ULong.Select(claimed => WithLength(_valid, claimed))
            .Sample(Read, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations);

    [Theory]
    [InlineData(10_000_000_000UL)]
    [InlineData(ulong.MaxValue)]
    [InlineData(0UL)]
    public void A_ten_gigabyte_header_length_is_refused_naming_the_file(ulong claimed)
    {
        var bytes = WithLength(_valid, claimed);

        foreach (var stream in new Stream[] { new MemoryStream(bytes), new FuzzUnseekableStream(bytes) })
        {
            var e = Assert.Throws<SafetensorsException>(() => SafetensorsFile.Read(stream, "forged.safetensors"));
            Assert.Contains("forged.safetensors", e.Message, StringComparison.Ordinal);
        }
    }

    private static byte[] Write(IReadOnlyList<SafetensorsTensor> tensors)
    {
        using var stream = new MemoryStream();
        SafetensorsFile.Write(stream, tensors, new Dictionary<string, string> { ["format"] = "pt" });
        return stream.ToArray();
    }

    private static byte[] WithLength(byte[] valid, ulong claimed)
    {
        var bytes = (byte[])valid.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, claimed);
        return bytes;
    }

    private static void Read(byte[] bytes)
    {
        FuzzOracle.Check(bytes, () => Decode(SafetensorsFile.Read(new MemoryStream(bytes), "fuzz.safetensors")),
            typeof(SafetensorsException));
        FuzzOracle.Check(bytes, () => Decode(SafetensorsFile.Read(new FuzzUnseekableStream(bytes), "fuzz pipe")),
            typeof(SafetensorsException));
    }

    // Reading is not the end: every tensor a file claims must also convert.
    private static void Decode(SafetensorsContents contents)
    {
        foreach (var t in contents.Tensors)
        {
            _ = t.ToDoubleArray();
        }

        _ = Encoding.UTF8.GetByteCount(string.Concat(contents.Metadata.Keys));
    }
}

/// <summary>A read-only stream that cannot seek, as a pipe is.</summary>
internal sealed class FuzzUnseekableStream(byte[] bytes) : Stream
{
    private readonly MemoryStream _inner = new(bytes, writable: false);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
