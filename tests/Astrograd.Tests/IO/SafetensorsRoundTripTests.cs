using System.Buffers.Binary;
using System.Text;
using Astrograd.IO;

namespace Astrograd.Tests.IO;

public class SafetensorsRoundTripTests
{
    [Fact]
    public void Single_and_double_tensors_survive_a_round_trip_with_dtype_shape_and_order()
    {
        float[] values = [1f, -2.5f, 3e-8f, 0f, float.MaxValue, 7f];
        var weights = SafetensorsTensor.FromSingles("layer0.weight", [2, 3], values);
        var bias = SafetensorsTensor.FromDoubles("layer0.bias", [2], [Math.PI, -1e300]);
        var stream = new MemoryStream();

        SafetensorsFile.Write(stream, [weights, bias]);
        stream.Position = 0;
        var contents = SafetensorsFile.Read(stream);

        Assert.Equal(["layer0.weight", "layer0.bias"], contents.Tensors.Select(t => t.Name));
        Assert.Equal(SafetensorsDType.F32, contents["layer0.weight"].DType);
        Assert.Equal([2, 3], contents["layer0.weight"].Shape);
        Assert.Equal(values, contents["layer0.weight"].ToSingleArray());
        Assert.Equal(SafetensorsDType.F64, contents["layer0.bias"].DType);
        Assert.Equal([Math.PI, -1e300], contents["layer0.bias"].ToDoubleArray());
        Assert.Empty(contents.Metadata);
    }

    [Fact]
    public void Header_is_padded_with_spaces_to_an_eight_byte_boundary_and_offsets_are_contiguous()
    {
        var stream = new MemoryStream();

        SafetensorsFile.Write(stream, [
            SafetensorsTensor.FromSingles("a", [3], [1, 2, 3]),
            SafetensorsTensor.FromDoubles("b", [1], [4]),
        ]);

        var bytes = stream.ToArray();
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = Encoding.UTF8.GetString(bytes, 8, headerLength);
        Assert.Equal(0, headerLength % 8);
        Assert.Equal(8 + headerLength + 12 + 8, bytes.Length);
        Assert.StartsWith(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}," +
            "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[12,20]}}", header, StringComparison.Ordinal);
        Assert.Equal(header.LastIndexOf('}') + 1, header.TrimEnd(' ').Length);
    }

    [Fact]
    public void Metadata_values_are_written_as_strings_in_key_order_and_read_back()
    {
        var metadata = new Dictionary<string, string> { ["epochs"] = "100", ["format"] = "pt", ["ärger"] = "ü" };
        var stream = new MemoryStream();

        SafetensorsFile.Write(stream, [SafetensorsTensor.FromSingles("w", [1], [1])], metadata);
        stream.Position = 0;
        var contents = SafetensorsFile.Read(stream);

        var header = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("\"__metadata__\":{\"epochs\":\"100\",\"format\":\"pt\",\"ärger\":\"ü\"}", header,
            StringComparison.Ordinal);
        Assert.Equal(metadata, contents.Metadata);
    }

    [Fact]
    public void Writing_the_same_tensors_twice_gives_identical_bytes()
    {
        byte[] WriteOnce()
        {
            var stream = new MemoryStream();
            SafetensorsFile.Write(stream, [SafetensorsTensor.FromSingles("w", [2], [1, 2])],
                new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });
            return stream.ToArray();
        }

        Assert.Equal(WriteOnce(), WriteOnce());
    }

    [Fact]
    public void Empty_and_scalar_tensors_round_trip()
    {
        var stream = new MemoryStream();

        SafetensorsFile.Write(stream, [
            SafetensorsTensor.FromSingles("empty", [0, 3], []),
            SafetensorsTensor.FromDoubles("scalar", [], [2.5]),
        ]);
        stream.Position = 0;
        var contents = SafetensorsFile.Read(stream);

        Assert.Equal([0, 3], contents["empty"].Shape);
        Assert.Empty(contents["empty"].ToSingleArray());
        Assert.Empty(contents["scalar"].Shape);
        Assert.Equal([2.5], contents["scalar"].ToDoubleArray());
    }

    [Fact]
    public void Raw_bf16_tensor_keeps_its_dtype_and_bytes_through_a_round_trip()
    {
        var tensor = SafetensorsTensor.FromRaw("h", SafetensorsDType.BF16, [2], [0x80, 0x3F, 0x00, 0xC0]);
        var stream = new MemoryStream();

        SafetensorsFile.Write(stream, [tensor]);
        stream.Position = 0;
        var read = SafetensorsFile.Read(stream)["h"];

        Assert.Equal(SafetensorsDType.BF16, read.DType);
        Assert.Equal([0x80, 0x3F, 0x00, 0xC0], read.Data.ToArray());
        Assert.Equal([1f, -2f], read.ToSingleArray());
    }

    [Fact]
    public void Writing_to_a_path_replaces_the_file_and_leaves_no_temporary_file()
    {
        var folder = Directory.CreateTempSubdirectory("astrograd-st-");
        try
        {
            var path = Path.Combine(folder.FullName, "model.safetensors");
            File.WriteAllText(path, "old contents");

            SafetensorsFile.Write(path, [SafetensorsTensor.FromSingles("w", [2], [1, 2])]);

            Assert.Equal([1f, 2f], SafetensorsFile.Read(path)["w"].ToSingleArray());
            Assert.Equal(["model.safetensors"], folder.GetFiles().Select(f => f.Name));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Failed_write_to_a_path_leaves_the_old_file_and_no_temporary_file()
    {
        var folder = Directory.CreateTempSubdirectory("astrograd-st-");
        try
        {
            var path = Path.Combine(folder.FullName, "model.safetensors");
            File.WriteAllText(path, "old contents");

            // A directory in the way of the destination makes the final move fail after the data is written.
            var blocked = Path.Combine(folder.FullName, "blocked");
            Directory.CreateDirectory(blocked);
            Assert.ThrowsAny<IOException>(() =>
                SafetensorsFile.Write(blocked, [SafetensorsTensor.FromSingles("w", [1], [1])]));

            Assert.Equal("old contents", File.ReadAllText(path));
            Assert.Equal(["model.safetensors"], folder.GetFiles().Select(f => f.Name));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Reading_a_missing_file_names_it()
    {
        var ex = Assert.Throws<SafetensorsException>(() => SafetensorsFile.Read("no-such-file.safetensors"));

        Assert.StartsWith("no-such-file.safetensors: cannot open the file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_names_on_write_are_rejected_naming_the_tensor()
    {
        var ex = Assert.Throws<ArgumentException>(() => SafetensorsFile.Write(new MemoryStream(), [
            SafetensorsTensor.FromSingles("w", [1], [1]),
            SafetensorsTensor.FromSingles("w", [1], [2]),
        ]));

        Assert.Contains("'w' appears twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_with_an_unpaired_surrogate_is_rejected_rather_than_altered()
    {
        var ex = Assert.Throws<ArgumentException>(() => SafetensorsTensor.FromSingles("a\ud800b", [1], [1]));

        Assert.Equal("name", ex.ParamName);
        Assert.Contains("unpaired surrogate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tensor_may_not_be_named_metadata()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            SafetensorsTensor.FromSingles("__metadata__", [1], [1]));

        Assert.Equal("name", ex.ParamName);
        Assert.Contains("'__metadata__'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_that_does_not_match_the_data_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => SafetensorsTensor.FromSingles("w", [2, 3], [1, 2, 3]));
        var huge = Assert.Throws<ArgumentException>(() =>
            SafetensorsTensor.FromSingles("w", [int.MaxValue, int.MaxValue, int.MaxValue], [1]));

        Assert.Equal("shape", ex.ParamName);
        Assert.Contains("shape [2, 3] does not hold the 3 elements", ex.Message, StringComparison.Ordinal);
        Assert.Equal("shape", huge.ParamName);
        Assert.Throws<ArgumentException>(() => SafetensorsTensor.FromSingles("w", [-1], []));
    }

    [Fact]
    public void Zero_dimension_after_huge_ones_gives_an_empty_tensor()
    {
        var tensor = SafetensorsTensor.FromSingles("w", [int.MaxValue, int.MaxValue, 0], []);

        Assert.Equal(0, tensor.ElementCount);
    }

    [Fact]
    public void Looking_up_a_missing_tensor_lists_the_names_present()
    {
        var stream = new MemoryStream();
        SafetensorsFile.Write(stream, [SafetensorsTensor.FromSingles("w", [1], [1])]);
        stream.Position = 0;
        var contents = SafetensorsFile.Read(stream);

        var ex = Assert.Throws<KeyNotFoundException>(() => contents["b"]);

        Assert.Contains("no tensor named 'b'; the file holds 'w'.", ex.Message, StringComparison.Ordinal);
        Assert.False(contents.TryGetTensor("b", out _));
    }
}
