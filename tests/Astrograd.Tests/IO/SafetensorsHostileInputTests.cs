using System.Text;
using Astrograd.IO;
using CsCheck;

namespace Astrograd.Tests.IO;

/// <summary>Forged lengths, bad numbers and random damage: the reader only ever throws SafetensorsException.
/// </summary>
public class SafetensorsHostileInputTests
{
    private static SafetensorsException Reject(byte[] bytes, bool seekable = true) =>
        Assert.Throws<SafetensorsException>(() => SafetensorsFile.Read(
            seekable ? new MemoryStream(bytes) : new UnseekableStream(bytes), "bad.st"));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Header_length_of_ten_gigabytes_is_rejected_before_allocating(bool seekable)
    {
        var bytes = SafetensorsTestFiles.WithClaimedHeaderLength(10_000_000_000UL, "{}");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Reject(bytes, seekable);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("header length 10000000000 exceeds the 100000000-byte limit", ex.Message,
            StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 1 << 20);
    }

    [Fact]
    public void Header_length_larger_than_the_file_is_rejected_before_allocating()
    {
        var bytes = SafetensorsTestFiles.WithClaimedHeaderLength(90_000_000, "{}");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Reject(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("bad.st: the header length 90000000 is more than the 2 bytes that follow it; the file is " +
            "truncated or damaged.", ex.Message);
        Assert.InRange(allocated, 0, 1 << 20);
    }

    [Fact]
    public void Header_length_larger_than_an_unseekable_stream_costs_only_what_arrives()
    {
        var bytes = SafetensorsTestFiles.WithClaimedHeaderLength(90_000_000, "{}");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Reject(bytes, seekable: false);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("the stream ended inside the 90000000-byte header", ex.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 4 << 20);
    }

    [Fact]
    public void Huge_tensor_claimed_by_an_unseekable_stream_is_rejected_without_a_huge_allocation()
    {
        var bytes = SafetensorsTestFiles.Build(
            """{"w":{"dtype":"U8","shape":[2000000000],"data_offsets":[0,2000000000]}}""", 1, 2, 3);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Reject(bytes, seekable: false);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("w", ex.TensorName);
        Assert.Contains("run past the end of the data buffer", ex.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 4 << 20);
    }

    [Fact]
    public void Unseekable_stream_with_bytes_after_the_last_tensor_is_rejected_naming_it()
    {
        var bytes = SafetensorsTestFiles.Build("""{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}""", 1, 2);

        var ex = Reject(bytes, seekable: false);

        Assert.Equal("w", ex.TensorName);
        Assert.Contains("bytes follow the data of the last tensor", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unseekable_stream_with_a_valid_file_reads()
    {
        var stream = new MemoryStream();
        SafetensorsFile.Write(stream, [SafetensorsTensor.FromSingles("w", [2], [1, 2])]);

        var contents = SafetensorsFile.Read(new UnseekableStream(stream.ToArray()));

        Assert.Equal([1f, 2f], contents["w"].ToSingleArray());
    }

    [Fact]
    public void File_shorter_than_the_length_prefix_is_rejected()
    {
        var ex = Reject([1, 2, 3]);

        Assert.StartsWith("bad.st: only 3 bytes; a safetensors file starts with an 8-byte", ex.Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}""", "shape[0] is -1")]
    [InlineData("""{"w":{"dtype":"F32","shape":[3000000000],"data_offsets":[0,0]}}""", "shape[0] is 3000000000")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,0]}}""", "shape[0] is 1.5")]
    [InlineData("""{"w":{"dtype":"F32","shape":["2"],"data_offsets":[0,0]}}""", "shape[0] is a string")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}""", "data_offsets[0] is -4")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,18446744073709551615]}}""",
        "data_offsets[1] is 18446744073709551615")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}""", "end before they begin")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}""", "data_offsets has 1 values")]
    [InlineData("""{"w":{"dtype":"F32","data_offsets":[0,4]}}""", "the field 'shape' is missing")]
    [InlineData("""{"w":{"dtype":7,"shape":[1],"data_offsets":[0,4]}}""", "dtype is a number")]
    [InlineData("""{"w":[1,2]}""", "the entry is an array")]
    [InlineData(
        """{"w":{"dtype":"F64","shape":[2147483647,2147483647,2147483647],"data_offsets":[0,8]}}""",
        "needs more bytes than a file can hold")]
    public void Bad_tensor_fields_are_rejected_naming_the_tensor_and_field(string header, string expected)
    {
        var ex = Reject(SafetensorsTestFiles.Build(header));

        Assert.Equal("w", ex.TensorName);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[1,2]""", "does not begin with '{'")]
    [InlineData(""" {}""", "does not begin with '{'")]
    [InlineData("""{"a":""", "not valid JSON")]
    [InlineData("""{} {}""", "not valid JSON")]
    [InlineData("""{}x""", "not valid JSON")]
    [InlineData("""{/*c*/}""", "not valid JSON")]
    [InlineData("""{"a":{"dtype":"F32",}}""", "not valid JSON")]
    [InlineData("""{"\ud800":{}}""", "not a valid JSON string")]
    public void Malformed_headers_are_rejected(string header, string expected)
    {
        var ex = Reject(SafetensorsTestFiles.Build(header));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Header_padded_with_trailing_spaces_is_accepted()
    {
        var contents = SafetensorsFile.Read(new MemoryStream(SafetensorsTestFiles.Build("{}      ")));

        Assert.Empty(contents.Tensors);
    }

    [Fact]
    public void Invalid_utf8_in_the_header_is_rejected()
    {
        var header = Encoding.UTF8.GetBytes("""{"ab":{}}""");
        header[3] = 0xFF;

        var ex = Reject(SafetensorsTestFiles.Build(header, []));

        Assert.Contains("not valid UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_unknown_field_is_rejected_not_overflowed()
    {
        var nested = new string('[', 10_000) + new string(']', 10_000);
        var header = $$$"""{"w":{"dtype":"U8","shape":[0],"data_offsets":[0,0],"x":{{{nested}}}}}""";

        var ex = Reject(SafetensorsTestFiles.Build(header));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_in_a_hostile_name_do_not_break_the_one_line_message()
    {
        var ex = Reject(SafetensorsTestFiles.Build("""{"a\nb\r":{"dtype":"Q","shape":[],"data_offsets":[0,0]}}"""));

        Assert.Equal("a\nb\r", ex.TensorName);
        Assert.StartsWith("bad.st: tensor 'a\\u000ab\\u000d': unknown dtype 'Q'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_byte_damage_gives_only_success_or_safetensors_exception()
    {
        var valid = ValidFile();
        var gen = Gen.Select(
            Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Array[1, 6],
            Gen.Int[-8, 8],
            Gen.Bool);

        gen.Sample((edits, resize, seekable) =>
        {
            var bytes = Damage(valid, edits, resize);
            ReadOrReject(bytes, seekable);
        }, iter: 3000);
    }

    [Fact]
    public void Random_damage_to_the_header_digits_and_length_gives_only_success_or_safetensors_exception()
    {
        // Aim at the parts that carry numbers: the length prefix, and the digits of shapes and offsets.
        var valid = ValidFile();
        var text = Encoding.Latin1.GetString(valid);
        var digitPositions = Enumerable.Range(0, 8)
            .Concat(Enumerable.Range(0, text.Length).Where(i => char.IsAsciiDigit(text[i]) || text[i] is '[' or ','))
            .ToArray();
        var replacements = Gen.OneOf((byte)'0', (byte)'9', (byte)'-', (byte)'.', (byte)'e', (byte)',',
            (byte)']', (byte)'"', (byte)0xFF, (byte)0x00, (byte)0x7F);
        var gen = Gen.Select(Gen.Select(Gen.Int[0, digitPositions.Length - 1], replacements).Array[1, 4], Gen.Bool);

        gen.Sample((edits, seekable) =>
        {
            var bytes = (byte[])valid.Clone();
            foreach (var (position, value) in edits)
            {
                bytes[digitPositions[position]] = value;
            }

            ReadOrReject(bytes, seekable);
        }, iter: 3000);
    }

    private static void ReadOrReject(byte[] bytes, bool seekable)
    {
        Stream stream = seekable ? new MemoryStream(bytes) : new UnseekableStream(bytes);
        try
        {
            var contents = SafetensorsFile.Read(stream, "fuzz.st");
            foreach (var tensor in contents.Tensors)
            {
                Assert.Equal(tensor.ElementCount, tensor.ToDoubleArray().LongLength);
            }
        }
        catch (SafetensorsException ex)
        {
            Assert.StartsWith("fuzz.st: ", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', ex.Message);
        }
    }

    private static byte[] Damage(byte[] valid, (int Position, byte Value)[] edits, int resize)
    {
        var bytes = new byte[Math.Max(0, valid.Length + resize)];
        Array.Copy(valid, bytes, Math.Min(valid.Length, bytes.Length));
        foreach (var (position, value) in edits)
        {
            if (position < bytes.Length)
            {
                bytes[position] = value;
            }
        }

        return bytes;
    }

    private static byte[] ValidFile()
    {
        var stream = new MemoryStream();
        SafetensorsFile.Write(stream, [
            SafetensorsTensor.FromSingles("w", [2, 3], [1, 2, 3, 4, 5, 6]),
            SafetensorsTensor.FromRaw("h", SafetensorsDType.BF16, [2], [0x80, 0x3F, 0, 0]),
            SafetensorsTensor.FromDoubles("empty", [0, 3], []),
            SafetensorsTensor.FromRaw("i", SafetensorsDType.I64, [1], [1, 0, 0, 0, 0, 0, 0, 0]),
        ], new Dictionary<string, string> { ["epochs"] = "100" });
        return stream.ToArray();
    }
}
